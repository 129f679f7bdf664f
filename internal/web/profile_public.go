package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"

	"privacyregister/internal/apperr"
)

// processorProfile serves an organisation's newest signed profile at
// /p/SHORT/processor.json (issue 16): public, as the processor's answer
// to every customer at once, whichever installation the customer runs.
// The body is deterministic (JCS and Ed25519 are), so its hash is a
// strong ETag and a subscriber's poll costs a 304 when nothing changed.
func (s *Server) processorProfile(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// Any site may read it, as a feed; it carries no cookie-bound data.
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", "ETag")
	o, err := s.Store.OrgByShort(r.Context(), r.PathValue("short"))
	var body []byte
	if err == nil {
		body, err = s.Store.ProfileDocument(r.Context(), o.ID)
	}
	if err != nil {
		code, msg := http.StatusNotFound, "no processor profile is published at this address"
		if !apperr.Is(err, apperr.NotFound) {
			s.Log.ErrorContext(r.Context(), "processor profile", "err", err)
			code, msg = http.StatusInternalServerError, "internal error; it was logged"
		}
		h.Set("Content-Type", "application/json")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(map[string]map[string]string{"error": {"code": string(apperr.CodeOf(err)), "message": msg}})
		return
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=300")
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// etagMatches applies If-None-Match's weak comparison (RFC 9110 13.1.2):
// "*", or any listed tag equal to etag once a W/ prefix is dropped.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
