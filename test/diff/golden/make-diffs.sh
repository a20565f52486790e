#!/usr/bin/env bash
# Rebuilds the .diff files in this folder from scratch git repositories, one
# per case: `bash test/diff/golden/make-diffs.sh test/diff/golden`. The .json
# files beside them are checked by hand and are not written here. The
# committed .diff files came from git 2.39.5; other versions may differ in
# details such as the abbreviation of blob hashes.
set -euo pipefail
OUT=$(realpath "${1:?usage: make-diffs.sh OUTPUT_DIR}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid

start() { mkdir -p "$WORK/$1"; cd "$WORK/$1"; git init -q -b main .; }
base() { git add -A; git commit -qm base; }
finish() { # $1 case name, rest: extra diff options
  local name=$1; shift
  git add -A; git commit -qm head
  git ${GITOPTS:-} diff --no-color --no-ext-diff -M "$@" HEAD~1 HEAD > "$OUT/$name.diff"
}
lines() { seq -f "line %g" "$1" "$2"; }

# Three hunks in one file: a replaced line, an inserted pair, a deleted line.
start several-hunks
lines 1 40 > app.ts; base
{ lines 1 2; echo "line 3 changed"; lines 4 19; echo "inserted A"; echo "inserted B"; lines 20 36; lines 38 40; } > app.ts
finish several-hunks

start new-file
echo keep > README.md; base
mkdir -p src; printf 'export const a = 1;\nexport const b = 2;\n\nexport const c = 3;\n' > src/added.ts
finish new-file

start removed-file
printf 'one\ntwo\nthree\n' > gone.js; printf 'no\nnewline' > gone.txt; : > empty.log
echo keep > README.md; base
rm gone.js gone.txt empty.log
finish removed-file

start rename-unchanged
mkdir -p lib; lines 1 12 > lib/session.ts; base
mkdir -p src/state; git mv lib/session.ts src/state/session-store.ts
finish rename-unchanged

start rename-with-changes
lines 1 20 > old.ts; base
git mv old.ts new.ts
{ lines 1 9; echo "line 10 edited"; lines 11 20; echo "line 21 added"; } > new.ts
finish rename-with-changes

start binary
printf 'PNG\000\001\002\003header' > logo.png; printf 'GIF\000\000' > old.gif; echo text > notes.txt; base
printf 'PNG\000\001\002\003header-changed' > logo.png
printf 'ICO\000\377\376' > favicon.ico
rm old.gif
echo "text more" > notes.txt
finish binary

start no-newline-old
printf 'first\nlast' > config.txt; base
printf 'first\nlast\nappended\n' > config.txt
finish no-newline-old

start no-newline-new
printf 'first\nsecond\nlast\n' > config.txt; base
printf 'first\nsecond\nlast changed' > config.txt
finish no-newline-new

start deleted-lines-only
lines 1 30 > list.txt; base
{ lines 1 9; lines 13 24; lines 26 30; } > list.txt
finish deleted-lines-only

start paths-with-spaces
mkdir -p "docs/user guide"; printf 'intro\nbody\nend\n' > "docs/user guide/getting started.md"
lines 1 10 > "old name.txt"; base
printf 'intro\nbody\nmore body\nend\n' > "docs/user guide/getting started.md"
git mv "old name.txt" "new name.txt"; { lines 1 10; echo "line 11"; } > "new name.txt"
echo "fresh" > "a b c.txt"
finish paths-with-spaces

start quoted-paths
printf 'x\n' > "café.ts"; printf 'tab\n' > "$(printf 'with\ttab.txt')"; base
printf 'x\ny\n' > "café.ts"
printf 'said "hi"\n' > 'say "hi".ts'
git mv "$(printf 'with\ttab.txt')" "naïve name.txt"
finish quoted-paths

start modes-and-empty-files
printf '#!/bin/sh\necho hi\n' > run.sh; printf '#!/bin/sh\necho one\n' > tool.sh; base
chmod +x run.sh
chmod +x tool.sh; printf '#!/bin/sh\necho two\n' > tool.sh
: > .keep
finish modes-and-empty-files

start copies
lines 1 15 > template.ts; base
cp template.ts copy-same.ts
{ lines 1 14; echo "line 15 edited"; } > copy-edited.ts
finish copies -C --find-copies-harder

start mixed
mkdir -p src; lines 1 8 > src/a.ts; lines 1 8 > src/b.ts; lines 1 6 > src/c.ts; base
{ echo "line 0"; lines 1 8; } > src/a.ts
git rm -q src/b.ts
git mv src/c.ts src/d.ts
printf 'new\n' > src/e.ts
finish mixed

start no-newline-both
printf 'first\nlast' > config.txt; base
printf 'first\nlast changed' > config.txt
finish no-newline-both

start binary-patch
printf 'PNG\000\001\002\003header' > logo.png; base
printf 'PNG\000\001\002\003header-changed' > logo.png
printf 'ICO\000\377\376' > favicon.ico
finish binary-patch --binary

GITOPTS="-c core.quotePath=false"
start unquoted-unicode-paths
printf 'x\n' > "café.ts"; base
printf 'x\ny\n' > "café.ts"
git mv "café.ts" "crème brûlée.ts"
finish unquoted-unicode-paths
GITOPTS=

start crlf-content
printf 'one\r\ntwo\r\nthree\r\n' > win.txt; base
printf 'one\r\n2\r\nthree\r\nfour\r\n' > win.txt
finish crlf-content

# A symbolic link replaced by a regular file: git writes a removal and an
# addition of the same path.
start type-change
echo target > target.txt; ln -s target.txt link; base
rm link; printf 'now a file\n' > link
finish type-change
