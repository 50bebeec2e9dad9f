// Package xcheck cross-checks Flint's in-house CIDv0 importer (package ipfs)
// against the reference importer, boxo's balanced layout, which is what
// `ipfs add` runs. It is a separate module so that the main module never
// depends on boxo; its tests print the vectors recorded in ipfs/unixfs_test.go.
//
//	cd ipfs/internal/xcheck && go test -v .
package xcheck
