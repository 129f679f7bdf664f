package main

import (
	"io"
	"os"
	"path/filepath"
)

// writeExport is how every export command writes its file: exports hold
// personal data, so the file is readable by its owner only (0600), also
// when it replaces an existing file with a wider mode. It is written to a
// temporary file in the same directory (created 0600) and renamed over
// path, so a failed export leaves no half-written file. "-" writes to
// standard output.
func writeExport(e *env, path string, write func(w io.Writer) error) error {
	if path == "-" {
		return write(e.stdout)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		return fail(err)
	}
	if err := write(f); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
