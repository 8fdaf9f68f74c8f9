// Package atlas is a census of sparse ReLU supports with certified
// closedness verdicts: it enumerates the supports of a shape up to the
// symmetries of MATH.md D1, decides each with relu.Closedness, and stores
// verdicts and certificates in an embedded SQLite database that can be
// resumed after a crash and split into shards for clusters.
package atlas
