/** zh / en: the browser's language by default; once signed in the choice is remembered (`onChange`). */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsoleLanguage } from '../i18n/i18n.ts';

export function LanguageSwitch(props: { onChange?: (language: ConsoleLanguage) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Segmented
      aria-label={t('header.language')}
      size="small"
      value={i18n.language === 'zh-CN' ? 'zh-CN' : 'en'}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      onChange={(value) => {
        void i18n.changeLanguage(value);
        props.onChange?.(value as ConsoleLanguage);
      }}
    />
  );
}
