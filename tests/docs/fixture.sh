#!/bin/sh
# The directory a document's examples run in: a copy of a checkout with the source
# tree's examples/ and, beside it as in a real checkout, ../shared/data (the shared real
# data, $ROTA_DATA); and the files a page talks of without making them.
#   tests/docs/fixture.sh DOCUMENT DIR
set -eu
doc=$1 dir=$2
src=${ROTA_SRCDIR:?} td=$ROTA_SRCDIR/tests/data
mkdir -p "$dir" "$dir/../shared"
ln -s "$src/examples" "$dir/examples"
ln -s "${ROTA_DATA:?}" "$dir/../shared/data"
cd "$dir"
case $doc in
rota-config.1)   # "the configuration in the current directory", and a new one to install
	ln -s examples/holidays holidays
	cp examples/rota.yaml rota.yaml
	cp examples/rota.yaml new.yaml ;;
rota-import.1)   # an events export, a tickets export, and an export with bad rows
	cp "$td/import/events.csv" "$td/import/mixed.csv" .
	cp "$td/import/mixed.csv" export.csv
	gzip -c "$td/import/tickets.csv" > tickets.csv.gz
	gzip -c "$td/import/tickets.csv" > export.csv.gz ;;
rota-alert.1)    # two tickets' events, and a sendmail that keeps what it is given
	printf 'ticket,time,event,status\nA,2026-01-05T09:00:00Z,created,New\n' > events.csv
	printf 'B,2026-01-05T09:30:00Z,created,New\nB,2026-01-05T09:50:00Z,reply,Open\n' >> events.csv
	printf '#!/bin/sh\ncat >> mail.txt\n' > sendmail
	chmod +x sendmail ;;
esac
