// Read iCalendar files with Mozilla's ical.js (the parser of Thunderbird) and print what
// it understood, one line a component:
//   VEVENT|SUMMARY|local start|TZID|start in UTC|end in UTC|SEQUENCE|STATUS
//   VTODO|SUMMARY|due in UTC|PRIORITY|alarm trigger in UTC
// A file ical.js cannot parse, a TZID without its VTIMEZONE or a line it has to skip is
// an error (exit 1).  Used by tests/t/ical.t; ical.js comes from NODE_PATH.
'use strict';
const fs = require('fs');
const ICAL = require('ical.js');
const flat = (s) => String(s).replace(/\r/g, '\\r').replace(/\n/g, '\\n');
const utc = (t) => new Date(t.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z');
let bad = 0;
for (const file of process.argv.slice(2)) {
	const text = fs.readFileSync(file, 'utf8');
	let cal;
	try {
		cal = new ICAL.Component(ICAL.parse(text));
	} catch (e) {
		console.error(`${file}: ical.js: ${e.message}`);
		bad = 1;
		continue;
	}
	for (const vtz of cal.getAllSubcomponents('vtimezone'))
		ICAL.TimezoneService.register(vtz);
	for (const ev of cal.getAllSubcomponents('vevent')) {
		const e = new ICAL.Event(ev);
		const tzid = ev.getFirstProperty('dtstart').getParameter('tzid') || '';
		if (tzid && !ICAL.TimezoneService.has(tzid)) {
			console.error(`${file}: ical.js: TZID ${tzid} has no VTIMEZONE`);
			bad = 1;
		}
		console.log(['VEVENT', flat(e.summary), e.startDate.toString(), tzid, utc(e.startDate),
		             utc(e.endDate), e.sequence, ev.getFirstPropertyValue('status')].join('|'));
	}
	for (const td of cal.getAllSubcomponents('vtodo')) {
		const alarm = td.getFirstSubcomponent('valarm');
		console.log(['VTODO', flat(td.getFirstPropertyValue('summary')),
		             utc(td.getFirstPropertyValue('due')), td.getFirstPropertyValue('priority'),
		             alarm ? utc(alarm.getFirstPropertyValue('trigger')) : ''].join('|'));
	}
}
process.exit(bad);
