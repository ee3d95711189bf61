# Read iCalendar files with python3-vobject, validation on, and print what it understood,
# one line a component:
#   VEVENT|SUMMARY|start in UTC|end in UTC|SEQUENCE|STATUS
#   VTODO|SUMMARY|due in UTC|PRIORITY
# A parse or validation error is an exit status 1 with the message.  Used by
# tests/t/ical.t.
import datetime
import sys

import vobject


def utc(d):
    return d.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def value(c, name, default=''):
    p = getattr(c, name.lower(), None)
    v = p.value if p is not None else default
    return str(v).replace('\r', '\\r').replace('\n', '\\n')


bad = 0
for path in sys.argv[1:]:
    with open(path, newline='') as f:
        text = f.read()
    try:
        cal = vobject.readOne(text, validate=True)
        cal.validate(raiseException=True)
    except Exception as e:  # vobject raises several kinds
        print('%s: vobject: %s' % (path, e), file=sys.stderr)
        bad = 1
        continue
    for ev in cal.contents.get('vevent', []):
        ev.validate(raiseException=True)
        print('|'.join(['VEVENT', value(ev, 'summary'), utc(ev.dtstart.value),
                        utc(ev.dtend.value), value(ev, 'sequence'), value(ev, 'status')]))
    for td in cal.contents.get('vtodo', []):
        td.validate(raiseException=True)
        print('|'.join(['VTODO', value(td, 'summary'), utc(td.due.value),
                        value(td, 'priority')]))
sys.exit(bad)
