#!/bin/sh
# restore-corpus.sh: puts the texts of the analyser's evaluation corpus
# (internal/contract/testdata/corpus/manifest.json) into
# internal/contract/testdata/corpus/texts/, which git ignores. The texts are
# other people's words and are never committed; only where they are is.
#
# Each text is read from a local git snapshot of its repository: from
# $CORPUS_MIRROR/<owner>+<name>/repo (default /work/.mirror, where snapshots
# fetched for development live) or, failing that, from a clone of the public
# GitHub repository into $CORPUS_CACHE (default ~/.cache/privacyregister-corpus),
# made only when CORPUS_CLONE=1. A text that cannot be found is skipped, and
# the evaluation skips it too.
set -eu
cd "$(dirname "$0")/.."
dir=internal/contract/testdata/corpus
mirror=${CORPUS_MIRROR:-/work/.mirror}
cache=${CORPUS_CACHE:-$HOME/.cache/privacyregister-corpus}
mkdir -p "$dir/texts"
# one line per document: repo commit path file (jq-free: the manifest keeps one document per line)
grep '"repo"' "$dir/manifest.json" | sed -E 's/.*"repo": "([^"]+)", "commit": "([0-9a-f]+)", "path": "([^"]+)", "file": "([^"]+)".*/\1 \2 \3 \4/' |
while read -r repo commit path file; do
	gitdir="$mirror/$(echo "$repo" | tr / +)/repo"
	if [ ! -d "$gitdir" ] && [ "${CORPUS_CLONE:-0}" = 1 ]; then
		gitdir="$cache/$(echo "$repo" | tr / +).git"
		[ -d "$gitdir" ] || git clone --quiet --bare --filter=blob:none "https://github.com/$repo.git" "$gitdir" || true
	fi
	if [ -d "$gitdir" ] && git --git-dir="$gitdir" cat-file -e "$commit:$path" 2>/dev/null; then
		git --git-dir="$gitdir" show "$commit:$path" > "$dir/texts/$file"
		echo "restored $file"
	else
		echo "skipped  $file ($repo@$commit:$path not available)" >&2
	fi
done
