import { type ComponentType, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ApiClient, ApiError } from './api-client.ts';
import type { MessageKey } from './i18n/fr.ts';
import { createTranslate, I18nContext, type Lang } from './i18n/i18n-context.tsx';
import type { ScreenProps } from './screen-props.ts';
import { ApiKeysScreen } from './screens/api-keys-screen.tsx';
import { AudiencesScreen } from './screens/audiences-screen.tsx';
import { CampaignsScreen } from './screens/campaigns-screen.tsx';
import { ComposerScreen } from './screens/composer-screen.tsx';
import { ContactsScreen } from './screens/contacts-screen.tsx';
import { MarketScreen } from './screens/market-screen.tsx';
import { MembersScreen } from './screens/members-screen.tsx';
import { RepliesScreen } from './screens/replies-screen.tsx';
import { SettingsScreen } from './screens/settings-screen.tsx';
import { SignInScreen } from './screens/sign-in-screen.tsx';
import { useHashRoute } from './use-hash-route.ts';

export interface Me {
  kind: 'user' | 'api_key';
  user?: { id: string; email: string; name: string | null; isAdmin: boolean };
  workspaces: { id: string; name?: string; role: string }[];
}

/** The workspace screens, in the order of the navigation. */
const screens: { name: string; label: MessageKey; Screen: ComponentType<ScreenProps> }[] = [
  { name: 'compose', label: 'nav.compose', Screen: ComposerScreen },
  { name: 'contacts', label: 'nav.contacts', Screen: ContactsScreen },
  { name: 'audiences', label: 'nav.audiences', Screen: AudiencesScreen },
  { name: 'market', label: 'nav.market', Screen: MarketScreen },
  { name: 'campaigns', label: 'nav.campaigns', Screen: CampaignsScreen },
  { name: 'replies', label: 'nav.replies', Screen: RepliesScreen },
  { name: 'members', label: 'nav.members', Screen: MembersScreen },
  { name: 'keys', label: 'nav.keys', Screen: ApiKeysScreen },
  { name: 'settings', label: 'nav.settings', Screen: SettingsScreen },
];

function storedLang(): Lang {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('texto.lang');
  return saved === 'en' ? 'en' : 'fr';
}

/** The shell: sign-in, workspace switcher, language, navigation and the current screen. */
export function App(props: { api: ApiClient }) {
  const { api } = props;
  const [lang, setLang] = useState<Lang>(storedLang);
  const t = useMemo(() => createTranslate(lang), [lang]);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [route, navigate] = useHashRoute();

  const loadMe = useCallback(() => {
    api
      .get<Me>('/api/me')
      .then(setMe)
      .catch((error) => {
        if (error instanceof ApiError && error.code === 'unauthenticated') setMe(null);
        else setMe(null);
      });
  }, [api]);
  useEffect(loadMe, [loadMe]);
  useEffect(() => {
    api.setUnauthenticatedHandler(() => setMe(null));
    return () => api.setUnauthenticatedHandler(undefined);
  }, [api]);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('texto.lang', lang);
  }, [lang]);

  const match = /^\/w\/([^/]+)\/?([^/]*)\/?(.*)$/.exec(route);
  const workspaceId = match?.[1];
  const screenName = match?.[2] || 'compose';
  const current = me?.workspaces.find((w) => w.id === workspaceId);
  // After a navigation, move the keyboard focus to the new screen (not on the first load).
  const firstScreen = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the screen changes
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [screenName, match?.[3]]);
  useEffect(() => {
    if (me && !current && me.workspaces[0]) navigate(`/w/${me.workspaces[0].id}/compose`);
  }, [me, current, navigate]);
  // The tab and the history name the screen and the workspace, not "Texto" on every page.
  const screenLabel = t((screens.find((s) => s.name === screenName) ?? screens[0]!).label);
  useEffect(() => {
    document.title = current
      ? `${screenLabel} — ${current.name ?? current.id} — ${t('app.name')}`
      : t('app.name');
  }, [screenLabel, current, t]);

  const languagePicker = (
    <label className="lang">
      {t('app.language')}{' '}
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        <option value="fr">Français</option>
        <option value="en">English</option>
      </select>
    </label>
  );

  let body: React.ReactNode;
  if (me === undefined) body = <p>{t('app.loading')}</p>;
  else if (me === null) body = <SignInScreen api={api} onSignedIn={loadMe} />;
  else if (me.workspaces.length === 0) body = <p>{t('app.noWorkspace')}</p>;
  else if (!current) body = <p>{t('app.loading')}</p>;
  else {
    const entry = screens.find((s) => s.name === screenName) ?? screens[0]!;
    const Screen = entry.Screen;
    body = (
      <Screen
        key={`${current.id}/${entry.name}`}
        api={api}
        workspaceId={current.id}
        role={current.role}
        rest={match?.[3] ?? ''}
        navigate={(to) => navigate(`/w/${current.id}/${to}`)}
      />
    );
  }

  return (
    <I18nContext.Provider value={{ lang, t }}>
      <button
        type="button"
        className="skip"
        onClick={() => document.getElementById('main')?.focus()}
      >
        {t('app.skip')}
      </button>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        {me && current && (
          <label>
            {t('app.workspace')}{' '}
            <select
              value={current.id}
              onChange={(e) => navigate(`/w/${e.target.value}/${screenName}`)}
            >
              {me.workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name ?? w.id} ({t(`role.${w.role}` as MessageKey)})
                </option>
              ))}
            </select>
          </label>
        )}
        {languagePicker}
        {me && (
          <button type="button" onClick={() => api.logout().finally(() => setMe(null))}>
            {t('app.logout')}
          </button>
        )}
      </header>
      {me && current && (
        <nav aria-label={t('nav.label')} className="nav">
          {screens.map((s) => (
            <a
              key={s.name}
              href={`#/w/${current.id}/${s.name}`}
              aria-current={s.name === screenName ? 'page' : undefined}
            >
              {t(s.label)}
            </a>
          ))}
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {body}
      </main>
    </I18nContext.Provider>
  );
}
