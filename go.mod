module github.com/relucad/relucad

go 1.26.8
