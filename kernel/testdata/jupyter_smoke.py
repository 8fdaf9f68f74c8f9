"""Black-box check of the relucad kernelspec with Debian's jupyter_client.

Usage: /usr/bin/python3 jupyter_smoke.py KERNEL_NAME [--interrupt-only]
Prints one PASS/FAIL line per check and a final "RESULT: ok" or
"RESULT: <failed checks>"; exits non-zero on failure.
"""
import queue
import sys
import time

from jupyter_client.manager import KernelManager

name = sys.argv[1] if len(sys.argv) > 1 else "relucad"
interrupt_only = "--interrupt-only" in sys.argv
failed = []


def check(ok, what):
    print(("PASS " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failed.append(what)


def run(kc, code, timeout=30):
    """Execute code; return (reply content, list of IOPub messages up to idle)."""
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    outputs = []
    while True:
        m = kc.get_iopub_msg(timeout=10)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        outputs.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return reply["content"], outputs


km = KernelManager(kernel_name=name)
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=30)

info = kc.kernel_info(reply=True, timeout=10)["content"]
check(info.get("status") == "ok", "kernel_info ok")
if interrupt_only:
    rep, outs = run(kc, "x := 1")
    mid = kc.execute("for {}")
    time.sleep(0.5)
    km.interrupt_kernel()
    rep = kc.get_shell_msg(timeout=15)
    check(rep["content"].get("ename") == "Interrupted", "interrupt")
    rep, outs = run(kc, "x")
    check(rep["status"] == "ok" and km.is_alive(), "survives interrupt")
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    print("RESULT:", "ok" if not failed else failed, flush=True)
    sys.exit(1 if failed else 0)
check(info.get("status") == "ok" and info["language_info"]["name"] == "go", "kernel_info")

rep, outs = run(kc, 'fmt.Println("hello, world")')
check(rep["status"] == "ok" and any(o["msg_type"] == "stream" and "hello, world" in o["content"]["text"] for o in outs), "stdout stream")
check(outs[0]["msg_type"] == "status" and outs[0]["content"]["execution_state"] == "busy", "busy first")

rep, outs = run(kc, "x := big.NewRat(3, 4)\nx")
res = [o for o in outs if o["msg_type"] == "execute_result"]
check(rep["status"] == "ok" and res and res[0]["content"]["data"]["text/plain"] == "3/4", "execute_result")

rep, outs = run(kc, 'panic("deliberate")')
check(rep["status"] == "error" and isinstance(rep.get("traceback"), list), "error reply")
check([o["msg_type"] for o in outs if o["msg_type"] != "status"] == ["execute_input", "error"], "exactly one error output")

# stdin: input_request reaches the client's stdin channel.
mid = kc.execute('"hi " + input("name? ")', allow_stdin=True)
req = kc.get_stdin_msg(timeout=10)
check(req["msg_type"] == "input_request" and req["content"]["prompt"] == "name? ", "input_request")
kc.input("Ada")
rep = kc.get_shell_msg(timeout=10)
outs = []
while True:
    m = kc.get_iopub_msg(timeout=10)
    if m["parent_header"].get("msg_id") != mid:
        continue
    outs.append(m)
    if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
        break
res = [o for o in outs if o["msg_type"] == "execute_result"]
check(rep["content"]["status"] == "ok" and res and res[0]["content"]["data"]["text/plain"] == '"hi Ada"', "input_reply used")

r = kc.complete("fmt.Prin", 8, reply=True, timeout=10)["content"]
check("Println" in r.get("matches", []), "complete")
r = kc.inspect("fmt.Println", 5, reply=True, timeout=10)["content"]
check(r.get("found") is True, "inspect")
mid = kc.is_complete("func f() {")
r = kc.get_shell_msg(timeout=10)
check(r["parent_header"]["msg_id"] == mid and r["content"]["status"] == "incomplete", "is_complete")
r = kc.history(hist_access_type="tail", n=2, output=True, reply=True, timeout=10)["content"]
check(r.get("status") == "ok" and len(r.get("history", [])) == 2, "history")
check(kc.comm_info(reply=True, timeout=10)["content"].get("status") == "ok", "comm_info")

# Interrupt a cell that never returns (interrupt_mode "message").
mid = kc.execute("for {}")
time.sleep(0.5)
km.interrupt_kernel()
rep = kc.get_shell_msg(timeout=15)
check(rep["parent_header"].get("msg_id") == mid and rep["content"].get("ename") == "Interrupted", "interrupt")
rep, outs = run(kc, "x")
check(rep["status"] == "ok", "state survives interrupt")

# Restart: a new process with fresh state.
km.restart_kernel(now=False)
kc.wait_for_ready(timeout=30)
rep, outs = run(kc, "x")
check(rep["status"] == "error", "restart clears state")

kc.stop_channels()
km.shutdown_kernel(now=False)
check(not km.is_alive(), "shutdown")
print("RESULT:", "ok" if not failed else failed, flush=True)
sys.exit(1 if failed else 0)
