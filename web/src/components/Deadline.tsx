/** A deadline: its day in the regime's zone and the working days left, coloured by urgency. */
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDay, urgencyOf } from '../i18n/format.ts';

export interface DeadlineClock {
  readonly dueAt: string;
  readonly workingDaysLeft?: number | null;
  readonly overdue?: boolean | null;
  readonly provisional?: boolean | null;
  readonly paused?: boolean | null;
  readonly unit?: string | null;
}

const colours = { overdue: 'red', soon: 'gold', normal: 'default', stopped: 'default' } as const;

/** "3 working days left", "due today", "2 working days overdue". */
export function WorkingDaysLeft(props: { clock: DeadlineClock }) {
  const { t } = useTranslation();
  const { clock } = props;
  const urgency = urgencyOf(clock);
  const left = clock.workingDaysLeft;
  const text =
    left === null || left === undefined
      ? t('deadline.stopped')
      : left < 0
        ? t('deadline.overdueBy', { count: -left })
        : left === 0
          ? t('deadline.dueToday')
          : t('deadline.left', { count: left });
  return (
    <span className={`working-days working-days-${urgency}`} data-urgency={urgency}>
      <Tag color={colours[urgency]} icon={urgency === 'overdue' ? <ExclamationCircleOutlined /> : undefined}>
        {text}
      </Tag>
      {clock.paused ? <Tag color="blue">{t('deadline.paused')}</Tag> : null}
      {clock.provisional ? (
        <Tooltip title={t('deadline.provisionalHint')}>
          <Tag color="purple" tabIndex={0} aria-label={t('deadline.provisionalHint')}>
            {t('deadline.provisional')}
          </Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}

export function DueDay(props: { dueAt: string; zone: string }) {
  const { i18n } = useTranslation();
  return (
    <span className="due-day">
      <ClockCircleOutlined aria-hidden /> {formatDay(props.dueAt, props.zone, i18n.language)}
    </span>
  );
}

export function Deadline(props: { clock: DeadlineClock; zone: string }) {
  return (
    <span className="deadline">
      <DueDay dueAt={props.clock.dueAt} zone={props.zone} /> <WorkingDaysLeft clock={props.clock} />
    </span>
  );
}

/**
 * A work item's deadline (a consultation's, an information request's): its clock among the case's
 * clocks, matched by phase and due instant, for the working days left; the day alone if none is visible.
 */
export function WorkItemDeadline(props: {
  dueAt: string;
  phase: string;
  clocks: readonly (DeadlineClock & { phase: string })[];
  zone: string;
}) {
  const clock = props.clocks.find((k) => k.phase === props.phase && k.dueAt === props.dueAt);
  return clock ? <Deadline clock={clock} zone={props.zone} /> : <DueDay dueAt={props.dueAt} zone={props.zone} />;
}
