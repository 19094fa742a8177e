import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { desktop } from './api';
import { runCommand } from './commands';
import { closeRequested } from './editor/open-autosavers';
import './styles.css';

// Wired once, outside React, so a remount can never add a second listener.
desktop?.onMenuCommand(runCommand);
desktop?.onFlushRequest(closeRequested);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
