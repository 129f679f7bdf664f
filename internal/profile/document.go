package profile

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/gowebpki/jcs"
)

// Format names the document's format and its major version; a reader
// refuses another major version.
const Format = "privacyregister.processor-profile/1"

// Document is what /p/SHORT/processor.json serves: the newest version and
// the history of change notes, so a subscriber that missed a version still
// sees why the list changed.
type Document struct {
	Format     string         `json:"format"`
	Version    int            `json:"version"`
	Published  time.Time      `json:"published_at"`
	ChangeNote string         `json:"change_note"`
	Profile    Profile        `json:"profile"`
	History    []HistoryEntry `json:"history"`
}

// Newest is the version the document carries.
func (d Document) Newest() Version {
	return Version{Number: d.Version, PublishedAt: d.Published, ChangeNote: d.ChangeNote, Profile: d.Profile}
}

// HistoryEntry is an earlier version's number, date and note.
type HistoryEntry struct {
	Version    int       `json:"version"`
	Published  time.Time `json:"published_at"`
	ChangeNote string    `json:"change_note"`
}

// Envelope is the signed document as served: the document, and an Ed25519
// signature over its canonical bytes (RFC 8785, JSON Canonicalization
// Scheme), so a reader verifies what it parsed, whatever the whitespace or
// key order on the wire.
type Envelope struct {
	Document  json.RawMessage `json:"document"`
	Signature Signature       `json:"signature"`
}

// Signature names the algorithm and the key.
type Signature struct {
	Algorithm string `json:"alg"`        // "Ed25519"
	PublicKey string `json:"public_key"` // base64url, no padding, of the 32-byte key
	Value     string `json:"value"`      // base64url, no padding, of the 64-byte signature
}

var b64 = base64.RawURLEncoding

// NewDocument builds the document of the newest of versions (oldest first).
func NewDocument(versions []Version) Document {
	last := versions[len(versions)-1]
	d := Document{Format: Format, Version: last.Number, Published: last.PublishedAt.UTC(), ChangeNote: last.ChangeNote, Profile: last.Profile}
	for _, v := range versions {
		d.History = append(d.History, HistoryEntry{Version: v.Number, Published: v.PublishedAt.UTC(), ChangeNote: v.ChangeNote})
	}
	return d
}

// Sign returns the envelope's bytes.
func Sign(d Document, key ed25519.PrivateKey) ([]byte, error) {
	raw, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	canon, err := jcs.Transform(raw)
	if err != nil {
		return nil, err
	}
	env := Envelope{Document: canon, Signature: Signature{Algorithm: "Ed25519",
		PublicKey: b64.EncodeToString(key.Public().(ed25519.PublicKey)), Value: b64.EncodeToString(ed25519.Sign(key, canon))}}
	return json.MarshalIndent(env, "", "  ")
}

// Verified is a document whose signature held, and the key that made it.
type Verified struct {
	Document  Document
	PublicKey string // as in the envelope
}

// Fingerprint is a short, readable form of a public key: the first 16
// bytes of its SHA-256, in hex groups, to compare by eye or by phone.
func Fingerprint(publicKey string) string {
	raw, err := b64.DecodeString(publicKey)
	if err != nil {
		return "?"
	}
	sum := sha256.Sum256(raw)
	h := hex.EncodeToString(sum[:16])
	var b bytes.Buffer
	for i := 0; i < len(h); i += 4 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(h[i : i+4])
	}
	return b.String()
}

// Verify checks an envelope's signature against the key it names and reads
// the document. Whether that key is the one to trust is the caller's
// question (pinned on first use).
func Verify(body []byte) (*Verified, error) {
	var env Envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, fmt.Errorf("not a signed profile document: %w", err)
	}
	if env.Signature.Algorithm != "Ed25519" {
		return nil, fmt.Errorf("unknown signature algorithm %q", env.Signature.Algorithm)
	}
	pub, err := b64.DecodeString(env.Signature.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("the public key is not a 32-byte Ed25519 key")
	}
	sig, err := b64.DecodeString(env.Signature.Value)
	if err != nil {
		return nil, fmt.Errorf("the signature is not base64url: %w", err)
	}
	canon, err := jcs.Transform(env.Document)
	if err != nil {
		return nil, fmt.Errorf("the document is not JSON: %w", err)
	}
	if !ed25519.Verify(pub, canon, sig) {
		return nil, fmt.Errorf("the signature does not match the document")
	}
	var d Document
	if err := json.Unmarshal(canon, &d); err != nil {
		return nil, fmt.Errorf("the document cannot be read: %w", err)
	}
	if d.Format != Format {
		return nil, fmt.Errorf("unknown document format %q (this installation reads %s)", d.Format, Format)
	}
	if d.Version < 1 {
		return nil, fmt.Errorf("the document has no version number")
	}
	return &Verified{Document: d, PublicKey: env.Signature.PublicKey}, nil
}
