import type { StaffRole } from '../../db/schema.ts';

/** How the caller stands to a patient's record. */
export type Relation = 'self' | 'proxy_full' | 'proxy_view_only' | 'staff';

/**
 * The one policy table: every permission Lantern checks, whether it reads or changes patient data, and which
 * relations to a patient and which staff roles hold it. Routes name a permission; the guard and the session hook
 * look it up here. Nothing else in the code base decides who may do what.
 */
export const POLICY = {
  // ----- a patient's record, asked for by the patient, a proxy or staff (routes under /api/patients/:patientId)
  'record.read': {
    kind: 'read',
    relations: ['self', 'proxy_full', 'proxy_view_only'],
    staff: ['clinician', 'nurse', 'him', 'front_desk', 'billing', 'admin'],
  },
  /** Items marked confidential (adolescent confidentiality): without it the scope's filter hides them. */
  'record.confidential.read': {
    kind: 'read',
    relations: ['self'],
    staff: ['clinician', 'nurse', 'him', 'front_desk', 'billing', 'admin'],
  },
  'access_log.read': { kind: 'read', relations: ['self', 'proxy_full'], staff: [] },
  'message.read': { kind: 'read', relations: ['self', 'proxy_full', 'proxy_view_only'], staff: [] },
  'message.send': { kind: 'write', relations: ['self', 'proxy_full'], staff: [] },
  'refill.request': { kind: 'write', relations: ['self', 'proxy_full'], staff: [] },
  'sharing.read': { kind: 'read', relations: ['self'], staff: [] },
  /** Book, cancel, reschedule, join a wait list, check in: the patient and a full proxy. */
  'appointment.book': { kind: 'write', relations: ['self', 'proxy_full'], staff: [] },
  'sharing.manage': { kind: 'write', relations: ['self'], staff: [] },

  // ----- staff acting on a patient (/api/staff/patients/:patientId) or on a patient's object (a work item)
  'patient.search': { kind: 'read', relations: [], staff: ['front_desk', 'him', 'admin', 'clinician', 'nurse'] },
  'activation_code.issue': { kind: 'write', relations: [], staff: ['front_desk', 'admin'] },
  'work_item.read': {
    kind: 'read',
    relations: [],
    staff: ['front_desk', 'him', 'billing', 'clinician', 'nurse', 'admin'],
  },
  'work_item.work': {
    kind: 'write',
    relations: [],
    staff: ['front_desk', 'him', 'billing', 'clinician', 'nurse', 'admin'],
  },
  'message.reply': {
    kind: 'write',
    relations: [],
    staff: ['clinician', 'nurse', 'him', 'billing', 'front_desk', 'admin'],
  },
  'refill.decide': { kind: 'write', relations: [], staff: ['clinician', 'nurse'] },
  /** The chart beside a message or refill request: what the care team needs to answer and decide (read-only). */
  'chart.read': { kind: 'read', relations: [], staff: ['clinician', 'nurse'] },
  /** A conversation the care team starts with a patient (about a result, say); the patient's answers come back as work. */
  'message.start': { kind: 'write', relations: [], staff: ['clinician', 'nurse'] },
  /** The results queue and a result beside the chart, held ones included. */
  'results.review': { kind: 'read', relations: [], staff: ['clinician', 'nurse'] },
  /** A note for the patient on a result, and releasing a held result early. */
  'results.release': { kind: 'write', relations: [], staff: ['clinician', 'nurse'] },
  'visit_instructions.write': { kind: 'write', relations: [], staff: ['clinician', 'nurse'] },
  /** Writing and signing a visit note (released to the patient when signed, unless held). */
  'visit_note.write': { kind: 'write', relations: [], staff: ['clinician'] },
  /** Booking, moving and cancelling for a patient, from the staff side (and the slots to book from). */
  'appointment.schedule': { kind: 'write', relations: [], staff: ['front_desk', 'clinician', 'nurse', 'admin'] },
  /** A provider's day of appointments (no patient route: it lists several patients), and the slots to book from. */
  'schedule.read': { kind: 'read', relations: [], staff: ['front_desk', 'clinician', 'nurse', 'admin'] },
  'proxy.decide': { kind: 'write', relations: [], staff: ['him', 'front_desk', 'admin'] },
  'proxy.grant': { kind: 'write', relations: [], staff: ['him', 'front_desk', 'admin'] },

  // ----- administration (no patient)
  'staff.manage': { kind: 'write', relations: [], staff: ['admin'] },
  'education.manage': { kind: 'write', relations: [], staff: ['admin'] },
  'delivery.manage': { kind: 'write', relations: [], staff: ['admin'] },
  /** Departments, visit types, providers' weekly hours and exceptions. */
  'schedule.manage': { kind: 'write', relations: [], staff: ['admin'] },
} as const satisfies Record<
  string,
  { kind: 'read' | 'write'; relations: readonly Relation[]; staff: readonly StaffRole[] }
>;

export type Permission = keyof typeof POLICY;

export function isWrite(permission: Permission): boolean {
  return POLICY[permission].kind === 'write';
}

export function relationHolds(relation: Relation, permission: Permission): boolean {
  return (POLICY[permission].relations as readonly Relation[]).includes(relation);
}

export function roleHolds(role: StaffRole | null, permission: Permission): boolean {
  return role !== null && (POLICY[permission].staff as readonly StaffRole[]).includes(role);
}

/** Every permission a relation (or a staff member's role) holds on a record. */
export function permissionsOf(relation: Relation, role: StaffRole | null = null): Set<Permission> {
  const all = Object.keys(POLICY) as Permission[];
  return new Set(all.filter((p) => (relation === 'staff' ? roleHolds(role, p) : relationHolds(relation, p))));
}

/**
 * Roles that reach only the patients and care-team pools of the organisations they belong to; the others work for
 * the whole health system (registration, records, billing and administration are central).
 */
export const ORGANISATION_BOUND: readonly StaffRole[] = ['clinician', 'nurse'];

/** Care-team pools are named `care_team:<organisation id>`. */
export const CARE_TEAM_PREFIX = 'care_team:';

/** The work pools each role works. Care-team pools are those of the member's own organisations. */
export const POOLS: Record<StaffRole, { pools: readonly string[]; careTeams: boolean; all?: true }> = {
  admin: { pools: [], careTeams: false, all: true },
  front_desk: { pools: ['front_desk', 'customer_service'], careTeams: false },
  him: { pools: ['him'], careTeams: false },
  billing: { pools: ['billing'], careTeams: false },
  clinician: { pools: [], careTeams: true },
  nurse: { pools: [], careTeams: true },
};

/** The pools a staff member works: their role's fixed pools plus the care-team pools of their organisations. */
export function poolsWorked(
  role: StaffRole | null,
  organisations: readonly string[],
): { all: true } | { all: false; pools: string[] } {
  if (!role) return { all: false, pools: [] };
  const p = POOLS[role];
  if (p.all) return { all: true };
  return { all: false, pools: [...p.pools, ...(p.careTeams ? organisations.map((o) => CARE_TEAM_PREFIX + o) : [])] };
}

export function worksPool(role: StaffRole | null, organisations: readonly string[], pool: string): boolean {
  const scope = poolsWorked(role, organisations);
  return scope.all || scope.pools.includes(pool);
}
