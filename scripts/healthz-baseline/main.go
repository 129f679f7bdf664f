// Command healthz-baseline is the bare baseline of scripts/startup.sh: a
// net/http server that opens the same SQLite database as privacyregister
// (same driver and pragmas) and answers GET /healthz by pinging it, and
// nothing else. Start time and idle memory of `privacyregister serve` are
// measured beside it.
//
//	go run ./scripts/healthz-baseline --data DIR --addr 127.0.0.1:8081
package main

import (
	"database/sql"
	"flag"
	"log"
	"net/http"
	"path/filepath"

	_ "modernc.org/sqlite"
)

func main() {
	dir := flag.String("data", "data", "directory of privacyregister.db")
	addr := flag.String("addr", "127.0.0.1:8081", "listen address")
	flag.Parse()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(*dir, "privacyregister.db")+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)")
	if err != nil {
		log.Fatal(err)
	}
	if err := db.Ping(); err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := db.PingContext(r.Context()); err != nil {
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
