package audit

import (
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"time"
)

// A Key seals the chain: each row's hash is an HMAC-SHA256 under a key
// derived from the installation's secret key, so someone who can write to
// the database but does not hold that key cannot alter, insert, remove or
// reorder rows and recompute hashes that still verify. A nil Key gives the
// plain SHA-256 chain of earlier versions, which only shows accidents:
// anyone with database access can recompute it.
//
// What a keyed chain does not prove: that the newest rows were not cut off
// together with the head the store keeps (compare the head that
// "audit verify" prints with one noted earlier), nor anything against
// someone who holds the installation key.
type Key []byte

// keyedPrefix marks a hash made with a Key.
const keyedPrefix = "k1:"

// DeriveKey derives the chain's key from the installation's secret key, so
// the secret itself (which also seals TOTP secrets) is used for one thing.
func DeriveKey(secret []byte) (Key, error) {
	k, err := hkdf.Key(sha256.New, secret, nil, "privacyregister audit chain v1", 32)
	return Key(k), err
}

// Hash chains e to the previous row's hash (e.PrevHash): keyed when k is
// set. It covers every field that tells what happened, in a fixed order.
func (k Key) Hash(e *Entry) string {
	if k == nil {
		h := sha256.New()
		writeFields(h, e)
		return hex.EncodeToString(h.Sum(nil))
	}
	h := hmac.New(sha256.New, k)
	writeFields(h, e)
	return keyedPrefix + hex.EncodeToString(h.Sum(nil))
}

// Link chains e after the row whose hash is prev: it sets e.PrevHash and
// e.Hash and returns the hash the next row links to. Writing a row and
// sealing an old trail both link through here.
func (k Key) Link(e *Entry, prev string) string {
	e.PrevHash = prev
	e.Hash = k.Hash(e)
	return e.Hash
}

// Keyed reports whether a stored hash was made with a Key.
func Keyed(hash string) bool { return strings.HasPrefix(hash, keyedPrefix) }

func writeFields(h hash.Hash, e *Entry) {
	changes, _ := json.Marshal(sortedChanges(e.Changes))
	for _, f := range []string{
		e.PrevHash,
		strconv.FormatInt(e.OrgID, 10),
		strconv.FormatInt(e.Seq, 10),
		e.At.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(e.UserID, 10),
		e.Actor, e.Action, e.Entity,
		strconv.FormatInt(e.EntityID, 10),
		string(changes),
	} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
}

// Problem is one break in the chain.
type Problem struct {
	Seq    int64
	Reason string
}

// Verify checks a whole organisation's trail, in seq order. It finds rows
// whose content was altered (hash mismatch), deleted rows (a gap in seq or
// a prev_hash that does not match), and reordering. With a Key every row
// must carry a keyed hash: a plain one where a keyed one belongs is how a
// row rewritten without the key would look.
func (k Key) Verify(entries []Entry) []Problem {
	var problems []Problem
	prev := ""
	var want int64 = 1
	var unsealed, firstUnsealed int64
	for i := range entries {
		e := &entries[i]
		if e.Seq != want {
			problems = append(problems, Problem{e.Seq, fmt.Sprintf("expected row %d, found row %d: rows are missing", want, e.Seq)})
		}
		if e.PrevHash != prev {
			problems = append(problems, Problem{e.Seq, "does not follow the row before it (a row was removed or changed)"})
		}
		switch {
		case k == nil && Keyed(e.Hash):
			problems = append(problems, Problem{e.Seq, "sealed with a key: it can only be checked with the installation's secret key"})
		case Keyed(e.Hash) && k.Hash(e) != e.Hash, !Keyed(e.Hash) && Key(nil).Hash(e) != e.Hash:
			problems = append(problems, Problem{e.Seq, "content does not match its hash (the row was altered)"})
		}
		if k != nil && !Keyed(e.Hash) {
			if unsealed++; unsealed == 1 {
				firstUnsealed = e.Seq
			}
		}
		prev = e.Hash
		want = e.Seq + 1
	}
	if unsealed > 0 {
		problems = append(problems, Problem{firstUnsealed, fmt.Sprintf("%d rows from row %d on are not sealed with the installation's key (written or rewritten without it)", unsealed, firstUnsealed)})
	}
	return problems
}
