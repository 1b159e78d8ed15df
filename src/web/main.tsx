// Fast-refresh runtime for development, as a module rather than the inline script Vite would inject
// (the CSP allows no inline scripts); in a production build this import is empty.
import '@vitejs/plugin-react/preamble';
// Before any module that builds a zod schema (see the file).
import './zod-config.ts';
import '@mantine/core/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client.ts';
import { App } from './App.tsx';
import './i18n.ts';
import { cssVariablesResolver, theme } from './theme.ts';

/**
 * The server writes this response's CSP style nonce into `<meta name="csp-nonce">`; Mantine puts
 * it on the <style> elements it injects, which the CSP otherwise refuses.
 */
function readStyleNonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
}
const styleNonce = readStyleNonce();
// Mantine's Modal locks page scroll through react-remove-scroll, whose <style> element takes its nonce
// from `__webpack_nonce__` (via get-nonce) when that global exists; without it the CSP refuses the style.
(globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = styleNonce;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change on retry; network trouble and 5xx get two more tries.
      retry: (failures, error) => (error instanceof ApiError ? error.isTransient : true) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
      getStyleNonce={() => styleNonce}
    >
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
