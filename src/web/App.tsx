import { Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { ComingSoonPage } from './pages/ComingSoonPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { paths } from './paths.ts';

/** The page map. Every page sits inside AppLayout, which supplies the organisation facts. */
export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route path={paths.signIn} element={<SignInPage />} />
        <Route path={paths.accountRecovery} element={<ComingSoonPage titleKey="comingSoon.accountRecovery" />} />
        <Route path={paths.activationCode} element={<ComingSoonPage titleKey="comingSoon.activationCode" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
