// The minutes (Niederschrift) of a meeting, written from the data alone in the layout of the
// clerk's document: letterhead, date and place, attendance, agenda, the protocol per item,
// closing time and signatures. What the reader sees of the non-public part is decided by
// src/access/visibility.ts: the unentitled get its agenda titles and "[...]" for its protocol.
// Under each item the speakers are listed in the order they spoke ("Wortmeldungen: …").
import type { PrismaClient } from '../generated/prisma/client.js';
import { itemScopeSelect, mayReadItemDetails, readable } from '../access/visibility.js';
import type { Viewer } from '../access/viewer.js';
import { heading, paragraph, type Block, type Document, type ListItem } from '../documents/document.js';
import { calendarDate, localTime, longDate } from '../documents/german.js';
import { notFound } from '../errors.js';

async function loadMeeting(prisma: PrismaClient, viewer: Viewer, meetingId: string) {
  const meeting = await prisma.meeting.findFirst({
    where: { id: meetingId, ...readable.meeting(viewer) },
    include: {
      body: true,
      location: true,
      minuteTaker: true,
      organizations: { include: { organization: { include: { subOrganizationOf: true } } } },
      attendance: { where: readable.attendance(viewer), include: { person: true, substituteFor: true } },
      signatories: { orderBy: { order: 'asc' }, include: { person: true } },
      agendaItems: {
        where: readable.agendaItem(viewer),
        orderBy: { order: 'asc' },
        select: {
          ...itemScopeSelect,
          id: true,
          number: true,
          name: true,
          subtitle: true,
          parentId: true,
          protocolText: true,
          resolutionText: true,
          consultations: { where: { AND: [readable.consultation(viewer), { paper: readable.paper(viewer) }] }, orderBy: { created: 'asc' }, select: { paper: { select: { reference: true } } } },
          votes: { where: { state: 'CLOSED', ...readable.vote(viewer) }, orderBy: { created: 'asc' } },
          speeches: {
            where: { AND: [readable.speech(viewer), { startedAt: { not: null } }] },
            orderBy: { startedAt: 'asc' },
            select: { kind: true, person: true },
          },
        },
      },
    },
  });
  if (!meeting) throw notFound('Meeting');
  return meeting;
}

type Meeting = Awaited<ReturnType<typeof loadMeeting>>;
type Item = Meeting['agendaItems'][number];
type Vote = Item['votes'][number];
type Person = Meeting['attendance'][number]['person'];

/** "Dietmar Weiß"; a person known by family name only is "Herr Fischer". */
const personName = (person: Person) =>
  !person.givenName && person.formOfAddress ? `${person.formOfAddress} ${person.name}` : person.name;

const byFamilyName = (a: Person, b: Person) => (a.familyName ?? a.name).localeCompare(b.familyName ?? b.name, 'de');

function voteResult(vote: Vote): string {
  const outcome = vote.result === 'ADOPTED' ? 'angenommen' : vote.result === 'REJECTED' ? 'abgelehnt' : 'ohne Ergebnis';
  if (vote.unanimous) return `einstimmig ${outcome}`;
  const counts = [vote.yes != null && `${vote.yes} Ja`, vote.no != null && `${vote.no} Nein`, vote.abstain != null && `${vote.abstain} Enthaltungen`].filter(Boolean);
  return counts.length ? `${outcome} (${counts.join(', ')})` : outcome;
}

/** "Wortmeldungen: Dietmar Weiß (zur Geschäftsordnung), Markus Bösel": who spoke, in order. */
function speakers(item: Item): Block[] {
  if (!item.speeches.length) return [];
  const names = item.speeches.map((speech) => `${personName(speech.person)}${speech.kind === 'POINT_OF_ORDER' ? ' (zur Geschäftsordnung)' : ''}`);
  return [paragraph(`Wortmeldungen: ${names.join(', ')}`)];
}

function attendance(meeting: Meeting): Block[] {
  const present = meeting.attendance.filter((a) => a.status === 'PRESENT');
  const line = (a: Meeting['attendance'][number]) => {
    const times = [a.arrivedAt && `ab ${localTime(a.arrivedAt)}`, a.leftAt && `bis ${localTime(a.leftAt)}`].filter(Boolean).join(' ');
    const extras = [
      a.substituteFor && `Vertretung für ${a.substituteFor.name}`,
      a.role === 'GUEST' && a.affiliation,
    ].filter(Boolean);
    return `${personName(a.person)}${extras.length ? ` (${extras.join(', ')})` : ''}${times ? ` ${times}` : ''}`;
  };
  const group = (title: string, rows: Meeting['attendance']): Block[] => {
    const sorted = [...rows].sort((a, b) => byFamilyName(a.person, b.person));
    return [heading(3, title), ...(sorted.length ? [{ kind: 'list', items: sorted.map((a) => ({ text: line(a) })) } as Block] : [])];
  };
  return [
    heading(2, 'Anwesend waren:'),
    ...group('Vorsitz', present.filter((a) => a.role === 'CHAIR')),
    ...group('Mitglieder', present.filter((a) => a.role === 'MEMBER')),
    // The seed prints substitutes nowhere (KA Düchting is missing); they get their own group.
    ...group('Vertretungen', present.filter((a) => a.role === 'SUBSTITUTE')),
    // The minute-taker is staff of the administration and listed with it, as in the seed.
    ...group('Verwaltung', present.filter((a) => a.role === 'ADMINISTRATION' || a.role === 'MINUTE_TAKER')),
    ...group('Gäste', present.filter((a) => a.role === 'GUEST')),
    ...group('Entschuldigt', meeting.attendance.filter((a) => a.status === 'EXCUSED')),
  ];
}

export async function buildMinutes(prisma: PrismaClient, viewer: Viewer, meetingId: string): Promise<Document> {
  const meeting = await loadMeeting(prisma, viewer, meetingId);
  const organizations = meeting.organizations.map((link) => link.organization);
  const details = (item: Item) => mayReadItemDetails(viewer, item);
  // Paper references of a non-public item are details too: the unentitled do not see them
  // (stricter than the printed seed, which lists "12/006/2024" beside the non-public TOP 8).
  const references = (item: Item) =>
    details(item) ? item.consultations.map((c) => c.paper.reference).filter((r): r is string => !!r) : [];
  // Grouped once: the agenda and the protocol both walk the tree.
  const childrenOf = new Map<string | null, Item[]>();
  for (const item of meeting.agendaItems) {
    const siblings = childrenOf.get(item.parentId);
    if (siblings) siblings.push(item);
    else childrenOf.set(item.parentId, [item]);
  }
  const children = (parentId: string | null) => childrenOf.get(parentId) ?? [];

  const blocks: Block[] = [];
  // Letterhead: body, the council the committee belongs to ("Der Kreistag": councils are
  // masculine in German), the committee; then the contact person (the minute-taker).
  const councils = [...new Set(organizations.map((o) => o.subOrganizationOf?.name).filter(Boolean))];
  blocks.push(paragraph([meeting.body.name, ...councils.map((name) => `Der ${name}`), ...organizations.map((o) => o.name)].join('\n')));
  if (meeting.minuteTaker) {
    const contact = meeting.minuteTaker;
    blocks.push({
      kind: 'fields',
      rows: [
        ['Es informiert Sie:', contact.name],
        ...(contact.phone.length ? [['Telefon:', contact.phone.join(', ')] as [string, string]] : []),
        ...(contact.email.length ? [['E-Mail:', contact.email.join(', ')] as [string, string]] : []),
      ],
    });
  }
  if (meeting.minutesSignedDate) {
    blocks.push(paragraph(`${meeting.minutesSignedPlace ? `${meeting.minutesSignedPlace}, den ` : ''}${calendarDate(meeting.minutesSignedDate)}`));
  }
  blocks.push(heading(1, 'Niederschrift'), paragraph(`zur ${meeting.name}`));
  const place = meeting.location
    ? [meeting.location.description, meeting.location.streetAddress, [meeting.location.postalCode, meeting.location.locality].filter(Boolean).join(' '), meeting.location.room]
        .filter(Boolean)
        .join(', ')
    : '';
  blocks.push({
    kind: 'fields',
    rows: [
      ...(meeting.start ? [['Sitzungstermin', `${longDate(meeting.start)}, ${localTime(meeting.start)}`] as [string, string]] : []),
      ...(place ? [['Sitzungsort', place] as [string, string]] : []),
    ],
  });
  blocks.push(...attendance(meeting));

  // The agenda, public part first.
  const agendaLine = (item: Item): ListItem => ({
    text: [`${item.number ?? ''}. ${item.name}${references(item).map((r) => ` ${r}`).join('')}`, item.subtitle].filter(Boolean).join('\n'),
    children: children(item.id).map(agendaLine),
  });
  const parts = [
    { title: 'Öffentlicher Teil', items: children(null).filter((item) => item.public) },
    { title: 'Nicht öffentlicher Teil', items: children(null).filter((item) => !item.public) },
  ].filter((part) => part.items.length);
  blocks.push(heading(2, 'Tagesordnung'));
  for (const part of parts) blocks.push(heading(3, part.title), { kind: 'list', items: part.items.map(agendaLine) });

  // The protocol per item: every main item, a sub-item only when something is recorded for it.
  // A non-public item the reader may not read (also a sub-item of a public one) is "[...]",
  // whether or not something is recorded for it.
  const protocol = (item: Item, level: 3 | 4): Block[] => {
    const hidden = !details(item);
    const hasContent = item.protocolText || item.resolutionText || item.votes.length || item.speeches.length;
    const below = children(item.id).flatMap((child) => protocol(child, 4));
    if (level === 4 && !hidden && !hasContent && !below.length) return [];
    const refs = references(item);
    const title = `Zu Punkt ${item.number}: ${[item.name, item.subtitle].filter(Boolean).join(' ')}${refs.length ? ` - Vorlage Nr. ${refs.join(', ')}` : ''}`;
    if (hidden) return [heading(level, title), paragraph('[...]'), ...below];
    return [
      heading(level, title),
      ...(item.protocolText ?? '').split(/\n{2,}/).filter(Boolean).map(paragraph),
      ...speakers(item),
      ...(item.resolutionText ? [paragraph('Beschluss:'), paragraph(item.resolutionText)] : []),
      ...item.votes.map((vote) => paragraph(`Abstimmungsergebnis: ${voteResult(vote)}`)),
      ...below,
    ];
  };
  for (const part of parts) {
    blocks.push(heading(2, part.title));
    blocks.push(...(part.items.every(details) ? part.items.flatMap((item) => protocol(item, 3)) : [paragraph('[...]')]));
  }

  if (meeting.closedAt) blocks.push(paragraph(`Ende der Sitzung: ${localTime(meeting.closedAt)}`));
  for (const signatory of meeting.signatories) {
    blocks.push(paragraph(`${meeting.minutesSignedDate ? 'gez.\n' : ''}${personName(signatory.person)}`));
  }
  return { title: `Niederschrift zur ${meeting.name} am ${meeting.start ? longDate(meeting.start) : ''}`.trim(), blocks };
}
