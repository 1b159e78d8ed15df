import { Alert, Anchor, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { WorkItem } from '../../../../shared/work-queue.ts';
import { ApiError } from '../../../api/client.ts';
import { ListState } from '../ListState.tsx';
import { StaffFrame } from '../StaffFrame.tsx';
import { staffPaths } from '../staff-paths.ts';
import { useIssueCodeFromRequest, useWorkItem, useWorkPools } from '../staff-api.ts';
import { IssuedCodeCard } from '../front-desk/IssuedCodeCard.tsx';
import { ActivationRequestPanel } from './ActivationRequestPanel.tsx';
import { AppointmentRequestPanel } from './AppointmentRequestPanel.tsx';
import { PatientMessagePanel } from './PatientMessagePanel.tsx';
import { ProxyRequestPanel } from './ProxyRequestPanel.tsx';
import { RefillRequestPanel } from './RefillRequestPanel.tsx';
import { DirectGrantReviewPanel } from './DirectGrantReviewPanel.tsx';
import { CloseItemForm, ItemActions } from './ItemActions.tsx';
import { itemSummary, poolLabel } from './queue-labels.ts';
import { WorkItemMeta } from './WorkItemMeta.tsx';
import { PatientChart } from '../records/PatientChart.tsx';

/** One work item: its state, the actions the caller may take, and the type's own way of working it. */
export function WorkItemPage() {
  const { t } = useTranslation('staff');
  const { itemId = '' } = useParams();
  const query = useWorkItem(itemId);
  const item = query.data;
  const notFound = query.error instanceof ApiError && query.error.status === 404;

  return (
    <StaffFrame title={item ? itemSummary(item, t) : notFound ? t('item.notFound') : t('item.title')}>
      <Anchor component={Link} to={staffPaths.queue} size="sm">
        {t('item.back')}
      </Anchor>
      {notFound ? (
        <Text>{t('item.notFoundBody')}</Text>
      ) : (
        <ListState
          isPending={query.isPending}
          error={query.error}
          isEmpty={false}
          empty=""
          onRetry={() => void query.refetch()}
        >
          {item && <ItemBody item={item} />}
        </ListState>
      )}
    </StaffFrame>
  );
}

function ItemBody({ item }: { item: WorkItem }) {
  const { t } = useTranslation('staff');
  const isRequest = item.type === 'activation_code_request';
  // Owned here, not by the panel: the item closes when the code is issued, and the code must stay on screen.
  const issue = useIssueCodeFromRequest(item.id);
  const poolNames = useWorkPools().data?.names;
  const chartFor = item.actions.canSeeChart ? item.patient : null;
  const work = (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('item.pool', { pool: poolLabel(item.pool, t, poolNames) })}
          </Text>
          <WorkItemMeta item={item} />
          {item.patient && (
            <Text size="sm">
              {t('item.patient')}{' '}
              <Anchor component={Link} to={staffPaths.patient(item.patient.id)}>
                {item.patient.displayName}
              </Anchor>
            </Text>
          )}
        </Stack>
      </Paper>
      {item.status === 'closed' && (
        <Alert
          color="gray"
          variant="light"
          title={t('item.closedTitle', {
            outcome: t(`outcomes.${item.outcome ?? ''}`, { defaultValue: item.outcome ?? '' }),
          })}
        >
          {item.outcomeNote ? t('item.closedNote', { note: item.outcomeNote }) : t('item.closedNoNote')}
        </Alert>
      )}
      <ItemActions item={item} />
      {issue.data && (
        <IssuedCodeCard
          issued={issue.data}
          patientName={issue.data.item.patient?.displayName ?? ''}
          sentTo={issue.data.sentTo}
        />
      )}
      {isRequest && item.actions.canIssueCode && <ActivationRequestPanel item={item} issue={issue} />}
      {isRequest && item.status !== 'closed' && !item.actions.canIssueCode && <Text>{t('request.cannotWork')}</Text>}
      {item.type === 'proxy_request' &&
        item.status !== 'closed' &&
        (item.actions.canClose ? <ProxyRequestPanel item={item} /> : <Text>{t('proxyRequest.cannotWork')}</Text>)}
      {item.type === 'patient_message' && <PatientMessagePanel item={item} />}
      {item.type === 'refill_request' && <RefillRequestPanel item={item} />}
      {item.type === 'direct_grant_review' && <DirectGrantReviewPanel item={item} />}
      {item.type === 'appointment_request' && <AppointmentRequestPanel item={item} />}
      <CloseItemForm item={item} />
    </Stack>
  );
  if (!chartFor) return work;
  // The chart beside the work at desktop widths, below it on a phone (staff.css).
  return (
    <div className="work-item-layout">
      <div className="work-item-main">{work}</div>
      <PatientChart patient={chartFor} />
    </div>
  );
}
