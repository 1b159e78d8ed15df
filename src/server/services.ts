import { AccessLogService } from './modules/audit/access-log.service.ts';
import { DocumentsService } from './modules/documents/documents.service.ts';
import { FhirImportService } from './modules/fhir/fhir-import.service.ts';
import { FhirService } from './modules/fhir/fhir.service.ts';
import { DeliveriesService } from './modules/notifications/deliveries.service.ts';
import { ActivationRequestsService } from './modules/front-desk/activation-requests.service.ts';
import { FrontDeskService } from './modules/front-desk/front-desk.service.ts';
import { AccountDirectory } from './modules/identity/account-directory.ts';
import { AccountService } from './modules/identity/account.service.ts';
import { ActivationService } from './modules/identity/activation.service.ts';
import { identityDeps } from './modules/identity/identity.deps.ts';
import { StaffAccountControlsService } from './modules/identity/staff-account-controls.service.ts';
import { SignInService } from './modules/identity/signin.service.ts';
import { StaffAccountsService } from './modules/identity/staff-accounts.service.ts';
import { TwoStepService } from './modules/identity/two-step.service.ts';
import { AttachmentStore } from './modules/messaging/attachment-store.ts';
import { InBasketService } from './modules/messaging/in-basket.service.ts';
import { MessagingService } from './modules/messaging/messaging.service.ts';
import { StaffConversationsService } from './modules/messaging/staff-conversations.service.ts';
import { ProxyRequestsService } from './modules/proxy/proxy-requests.service.ts';
import { ProxyService } from './modules/proxy/proxy.service.ts';
import { SharingService } from './modules/proxy/sharing.service.ts';
import { ChartService } from './modules/records/chart.service.ts';
import { RecordsService } from './modules/records/records.service.ts';
import { resultsIndexListener } from './modules/results/results-indexer.ts';
import { ResultsReviewService } from './modules/results/results-review.service.ts';
import { ResultsService } from './modules/results/results.service.ts';
import { AppointmentRequestsService } from './modules/visits/appointment-requests.service.ts';
import { BookingService } from './modules/visits/booking.service.ts';
import { CheckInService } from './modules/visits/check-in.service.ts';
import { ScheduleAdminService } from './modules/visits/schedule-admin.service.ts';
import { ScheduleService } from './modules/visits/schedule.service.ts';
import { SchedulingService } from './modules/visits/scheduling.service.ts';
import { StaffScheduleService } from './modules/visits/staff-schedule.service.ts';
import { VisitNotesService } from './modules/visits/visit-notes.service.ts';
import { VisitsService } from './modules/visits/visits.service.ts';
import { WaitListService } from './modules/visits/wait-list.service.ts';
import { WorkQueueService } from './modules/work-queue/work-queue.service.ts';
import type { AppContext } from './platform/context.ts';

/**
 * The composition root: every service the HTTP routes use, built once from the context and shared (one
 * MessagingService, one work queue…). Routes receive these and only parse, call one method and shape the reply.
 */
export function createServices(ctx: AppContext) {
  const identity = identityDeps(ctx);
  const { fhir, notifications } = identity;
  const staffAccounts = new StaffAccountsService(identity);
  const queue = new WorkQueueService(ctx, fhir, staffAccounts);
  const twoStep = new TwoStepService(identity);
  const directory = new AccountDirectory(identity, twoStep);
  const activation = new ActivationService(identity);
  const messaging = new MessagingService(ctx, fhir, queue, notifications, new AttachmentStore(ctx.config.dataDir));
  const proxy = new ProxyService(ctx, fhir, directory);
  const staffNames = async () => new Map((await staffAccounts.list()).map((s) => [s.id, s.displayName]));
  const results = new ResultsService(ctx, fhir, staffNames);
  const records = new RecordsService(ctx, fhir, queue, notifications, messaging, results);
  const documents = new DocumentsService(ctx, fhir, records);
  const schedule = new ScheduleService(ctx);
  const waitList = new WaitListService(ctx, schedule, notifications);
  const booking = new BookingService(ctx, schedule, fhir, notifications, waitList, (patientId) =>
    activation.portalOpenedAt(patientId),
  );
  const appointmentRequests = new AppointmentRequestsService(ctx, schedule, queue);
  const visits = new VisitsService(ctx, fhir, schedule, waitList, results, messaging, appointmentRequests, records);
  return {
    identity,
    fhir,
    notifications,
    queue,
    staffAccounts,
    staffAccountControls: new StaffAccountControlsService(identity),
    activation,
    signIn: new SignInService(identity),
    twoStep,
    accounts: new AccountService(identity, twoStep),
    directory,
    fhirImport: fhirImporter(ctx),
    deliveries: new DeliveriesService(ctx),
    frontDesk: new FrontDeskService(ctx, fhir, activation, (patientId: string) => activation.hasAccount(patientId)),
    activationRequests: new ActivationRequestsService(ctx, identity, queue, activation),
    messaging,
    inBasket: new InBasketService(ctx, messaging, queue, documents),
    staffConversations: new StaffConversationsService(ctx, fhir, messaging, async (scope, id) =>
      (await results.heldIds(scope)).has(id),
    ),
    records,
    chart: new ChartService(records, fhir),
    documents,
    proxy,
    sharing: new SharingService(ctx, proxy, directory),
    proxyRequests: new ProxyRequestsService(ctx, proxy, queue, fhir, directory),
    accessLog: new AccessLogService(ctx, directory, fhir, (scope) => results.heldIds(scope)),
    results,
    resultsReview: new ResultsReviewService(ctx, fhir, notifications, results),
    schedule,
    waitList,
    booking,
    visits,
    scheduling: new SchedulingService(ctx, schedule, booking, waitList, visits, appointmentRequests),
    staffSchedule: new StaffScheduleService(ctx, schedule, fhir),
    visitNotes: new VisitNotesService(ctx, fhir),
    appointmentRequests,
    checkIn: new CheckInService(ctx, fhir, records, schedule, visits),
    scheduleAdmin: new ScheduleAdminService(ctx, schedule, fhir),
  };
}

export type Services = ReturnType<typeof createServices>;

/** The FHIR importer with the indexes kept beside the clinical store (test results), as every import should be. */
export function fhirImporter(ctx: AppContext): FhirImportService {
  return new FhirImportService(ctx.db.kysely, ctx.audit, ctx.clock, [
    resultsIndexListener(new FhirService(ctx.db.kysely), ctx.config.tenant.results),
  ]);
}

/** What a command-line command opens: the context, the services built from it, and how to close both. */
export type OpenApp = () => Promise<{ ctx: AppContext; services: Services; close(): Promise<void> }>;
