/**
 * Gives the organisations in the demo's sample bundles (demo/synthea) fictional names, phone numbers and street
 * lines. Synthea takes its providers from public lists of real facilities, so its bundles name real hospitals and
 * clinics with their real phone numbers and addresses; the demo must name no real health system. Each organisation
 * keeps its id, kind (hospital, urgent care, practice), town and postal code; only the name, its phone numbers and
 * the street lines (also the practitioners' who work there) change, the same way in every bundle. Nothing else in the
 * bundles names an organisation (references carry ids only), and the files keep their layout: each value is
 * replaced where it stands.
 *
 * Run once after copying new Synthea bundles into demo/synthea: `npx tsx scripts/fictional-demo-organisations.ts`.
 * Running it again changes nothing.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '../demo/synthea');
const FICTIONAL = /^Lantern Valley /;

/** Street names for the fictional sites, in order of assignment. */
const STREETS = [
  'Alder',
  'Aspen',
  'Birch',
  'Cedar',
  'Elm',
  'Hazel',
  'Juniper',
  'Larch',
  'Linden',
  'Maple',
  'Oak',
  'Pine',
  'Rowan',
  'Spruce',
  'Willow',
  'Yew',
  'Hawthorn',
  'Holly',
  'Laurel',
  'Poplar',
  'Sycamore',
  'Chestnut',
  'Beech',
  'Cypress',
  'Hemlock',
  'Magnolia',
  'Walnut',
  'Ash',
  'Fir',
  'Cherry',
  'Acacia',
  'Balsam',
  'Catalpa',
  'Dogwood',
  'Hickory',
  'Ironwood',
  'Locust',
  'Mulberry',
  'Olive',
  'Pecan',
  'Redbud',
  'Sassafras',
  'Tamarack',
  'Tupelo',
  'Buckeye',
  'Cottonwood',
  'Hornbeam',
  'Persimmon',
  'Sequoia',
  'Boxelder',
  'Butternut',
  'Hackberry',
  'Mesquite',
  'Pawpaw',
  'Sumac',
  'Alderwood',
  'Briar',
  'Clover',
  'Fern',
  'Heather',
  'Ivy',
  'Lilac',
  'Myrtle',
  'Primrose',
  'Sage',
  'Thistle',
  'Violet',
  'Wisteria',
  'Yarrow',
  'Zinnia',
];

type Kind = 'hospital' | 'urgent' | 'practice';

function kindOf(name: string): Kind {
  if (/URGENT|WALK-IN|PROMPT CARE|IMMEDIATE/i.test(name)) return 'urgent';
  if (/HOSPITAL|MEDICAL CENTER|INFIRMARY|HEALTH ALLIANCE/i.test(name)) return 'hospital';
  return 'practice';
}

function fictionalName(kind: Kind, street: string): string {
  if (kind === 'hospital') return `Lantern Valley Hospital, ${street} Campus`;
  if (kind === 'urgent') return `Lantern Valley Urgent Care, ${street} Street`;
  return `Lantern Valley Health Center, ${street} Street`;
}

interface Organisation {
  resourceType: string;
  id: string;
  name?: string;
  telecom?: { value?: string }[];
  address?: { line?: string[] }[];
}
interface Bundle {
  entry?: { resource: Organisation }[];
}

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const organisations = new Map<string, Organisation>();
for (const file of files) {
  const bundle = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Bundle;
  for (const { resource } of bundle.entry ?? [])
    if (resource.resourceType === 'Organization' && !organisations.has(resource.id))
      organisations.set(resource.id, resource);
}

/** Every real value to replace, with what replaces it. */
const replacements = new Map<string, string>();
const used = { hospital: 0, urgent: 0, practice: 0 };
let phone = 0;
for (const org of [...organisations.values()].sort((a, b) => a.id.localeCompare(b.id))) {
  if (!org.name || FICTIONAL.test(org.name)) continue;
  const kind = kindOf(org.name);
  const n = used[kind]++;
  const street = `${STREETS[n % STREETS.length]}${n >= STREETS.length ? ` ${Math.floor(n / STREETS.length) + 1}` : ''}`;
  replacements.set(org.name, fictionalName(kind, street));
  for (const t of org.telecom ?? []) {
    // 555-0100 to 555-0199: the North American numbers reserved for fiction.
    if (t.value) replacements.set(t.value, `(555) 555-01${String(phone++ % 100).padStart(2, '0')}`);
  }
  for (const a of org.address ?? [])
    for (const line of a.line ?? []) replacements.set(line, `${100 + n * 10} ${street} Street`);
}

// A value is replaced only where it stands as a whole JSON string, so a substring elsewhere is never touched.
const quoted = (s: string): string => JSON.stringify(s);
let changedFiles = 0;
for (const file of files) {
  const full = path.join(dir, file);
  const before = readFileSync(full, 'utf8');
  const after = before.replace(/"(?:[^"\\]|\\.)*"/g, (token) => {
    const value = JSON.parse(token) as string;
    const to = replacements.get(value);
    return to === undefined ? token : quoted(to);
  });
  if (after !== before) {
    writeFileSync(full, after);
    changedFiles++;
  }
}
console.log(`${replacements.size} real names, phone numbers and street lines replaced in ${changedFiles} files.`);
