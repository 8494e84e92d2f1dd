/** The compliance reports on a condition, oldest first: who reported what, when. */
import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../i18n/format.ts';

export interface ComplianceReportView {
  readonly id: string;
  readonly body: string;
  readonly submittedAt: string;
  readonly submittedBy: { readonly displayName: string };
}

export function ComplianceReports(props: { reports: readonly ComplianceReportView[]; zone: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="compliance-reports" data-testid="compliance-reports">
      <Typography.Text type="secondary">{t('decision.complianceReports')}</Typography.Text>
      {props.reports.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('decision.noComplianceReports')}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={[...props.reports]}
          renderItem={(report) => (
            <List.Item>
              <div>
                <Typography.Text type="secondary">
                  {report.submittedBy.displayName}, {formatInstant(report.submittedAt, props.zone, i18n.language)}
                </Typography.Text>
                <Typography.Paragraph className="pre-wrap">{report.body}</Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
