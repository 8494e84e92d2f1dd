/** An organisation's name in the person's language (Chinese when it has one). */
import { useTranslation } from 'react-i18next';

export function OrgName(props: { org: { name: string; nameZh?: string | null } }) {
  const { i18n } = useTranslation();
  return <>{i18n.language === 'zh-CN' ? (props.org.nameZh ?? props.org.name) : props.org.name}</>;
}
