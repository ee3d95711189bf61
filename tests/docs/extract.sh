#!/bin/sh
# Turn a document's examples into a transcript (tests/transcript.in's format), so that
# `make check` runs every example as written and a document cannot drift from the
# program (as jq tests its manual).
#
#   tests/docs/extract.sh man/rota-cal.1 > rota-cal.1.t
#   tests/docs/extract.sh README.md > README.md.t
#
# What is an example, for writers:
#   - In a man page, a `.Bd -literal` block in the EXAMPLES section; in README.md, a
#     fenced block (```sh or plain ```).  Blocks without a line starting with `$ ` are
#     left alone (a shell session needs a prompt to be one).
#   - `$ command` is run; the lines up to the next `$ ` line are exactly what it prints,
#     standard output and standard error together, as on a terminal.  A command line
#     that ends in `\` or `|` goes on on the next line.  An output line `...` ends what
#     is shown: the command may print more (only the lines above it are compared).
#   - Commands exit 0, unless a marker before the block says otherwise.
#   - `$ export NAME=VALUE` holds for every later example of the document.
#   - The examples of one document run one after the other in one directory, a copy of
#     a checkout: examples/ is the source tree's, ../shared/data the shared real data
#     ($ROTA_DATA), and tests/docs/fixture.sh puts there the few files a page names
#     (events.csv, ...).  Examples from the first that names ../shared/data on are
#     skipped when the shared data set is not there.
#   - Markers, invisible in the rendered document, on a line of their own right before a
#     block: `.\" test: file NAME` (man) or `<!-- test: file NAME -->` (README) says the
#     block is the content of the file NAME, which later examples read; `status N`: the
#     last command of the next block exits N; `skip`: the next block is not run (say why in
#     the document's source next to it; prefer making it reproducible).
# mdoc escapes in blocks are decoded (\e, \&, \-, \(aq, \(dq).
doc=$1
base=$(basename "$doc")
case $base in
*.md) kind=md ;;
*) kind=man ;;
esac
printf '# Generated from %s by tests/docs/extract.sh: do not edit; edit the document.\n' "$base"
printf '$ sh "$ROTA_SRCDIR"/tests/docs/fixture.sh %s "$SHARED"/rota\n' "$base"
printf '%%setup cd "$SHARED"/rota\n'
awk -v kind="$kind" -v doc="$base" '
function decode(s) {
	if (kind != "man") return s
	gsub(/\\&/, "", s); gsub(/\\-/, "-", s); gsub(/\\\(aq/, "\047", s); gsub(/\\\(dq/, "\"", s)
	gsub(/\\e/, "\\", s)
	return s
}
function marker(s) {   # the words of a marker line, or ""
	if (kind == "man" && s ~ /^\.\\" test: /) { sub(/^\.\\" test: /, "", s); return s }
	if (kind == "md" && s ~ /^<!-- test: .* -->$/) { sub(/^<!-- test: /, "", s); sub(/ -->$/, "", s); return s }
	return ""
}
function flush_case(last,   i, n, shown) {
	if (cmd == "") return
	n = 0; shown = -1
	for (i = 1; i <= nout; i++) if (out[i] == "...") { shown = i - 1; break }
	if (cmd ~ /\.\.\/shared\/data/ && !needdata) {
		print "%need test -d \"$ROTA_DATA\"/tickets"; needdata = 1
	}
	printf "# %s:%d\n", doc, cmdat
	printf "$ { %s", substr(cmd, 3)
	if (shown >= 0) printf "> } 2>&1 | head -n %d\n", shown
	else printf "> } 2>&1\n"
	for (i = 1; i <= (shown >= 0 ? shown : nout); i++) {
		if (out[i] == "") print "\\"
		else if (out[i] ~ /^[$>!?%#\\]/) print "\\" out[i]
		else print out[i]
	}
	if (last && status != "") print "? " status
	print ""
	cmd = ""; nout = 0
}
function block_line(s) {
	if (filename != "") { file = file s "\n"; return }
	if (cont && cmd != "") {
		cmd = cmd "> " s "\n"
	} else if (s ~ /^\$ /) {
		flush_case(0)
		s = substr(s, 3)
		if (s ~ /^export [A-Za-z_][A-Za-z_0-9]*=/) { print "%setup " s; cont = 0; return }
		cmdat = NR
		cmd = "> " s "\n"
	} else {
		if (cmd != "") out[++nout] = s
		cont = 0
		return
	}
	cont = (s ~ /(\\|\|)[ \t]*$/)
}
function end_block() {
	flush_case(1)
	if (filename != "") {
		printf "# %s:%d: the file %s\n$ cat > %s <<\047ROTA_EOF\047\n", doc, start, filename, filename
		n = split(file, fl, "\n")
		for (i = 1; i < n; i++) print "> " fl[i]
		print "> ROTA_EOF\n"
	}
	inblock = 0; filename = ""; file = ""; status = ""; skip = 0; cont = 0
}
BEGIN { inex = (kind == "md") }
{
	line = $0
	if (kind == "man" && line ~ /^\.Sh /) { inex = (line ~ /^\.Sh EXAMPLES/); next }
	if (!inex) next
	m = marker(line)
	if (m != "" && !inblock) {
		if (m ~ /^file /) filename = substr(m, 6)
		else if (m ~ /^status /) status = substr(m, 8)
		else if (m == "skip") skip = 1
		else { printf "%s:%d: unknown marker \"%s\"\n", doc, NR, m > "/dev/stderr"; bad = 1 }
		next
	}
	if (!inblock) {
		if ((kind == "man" && line ~ /^\.Bd -literal/) || (kind == "md" && line ~ /^```/)) {
			inblock = 1; start = NR; cont = 0
		}
		next
	}
	if ((kind == "man" && line ~ /^\.Ed/) || (kind == "md" && line ~ /^```/)) { end_block(); next }
	if (skip) next
	block_line(decode(line))
}
END { if (inblock) { printf "%s: unterminated block at line %d\n", doc, start > "/dev/stderr"; exit 1 }
      exit bad }
' "$doc"
