import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import Root from './Root';
import { applyLargeText, storedLargeText } from './owner/largeText';
import './global.css';

// Issue 19: the large-text mode applies before the first paint (remembered on this device and on the account).
applyLargeText(storedLargeText());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
