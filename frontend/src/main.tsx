import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { restoreSession } from '@/lib/auth/session';
import { AppProviders } from '@/app/app-providers';
import './index.css';

void restoreSession();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders />
  </StrictMode>,
);
