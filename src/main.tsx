/**
 * Browser entry: opens the scenario named in the URL (`?scenario=NAME`, default the SKYNET-5A
 * inspection) and starts playing it (`?play=0` starts paused), then renders the app.
 */

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { appStore } from './state/useAppStore.ts';
import { App } from './view/app/App.tsx';
import { DEFAULT_EXAMPLE } from './view/model/examples.ts';
import './view/styles.css';

const params = new URLSearchParams(window.location.search);
const requested = params.get('scenario');
const play = params.get('play') !== '0';

async function openInitialScenario(): Promise<void> {
  const store = appStore.getState();
  if (requested !== null && (await store.loadExample(requested, { play }))) return;
  // Unknown or invalid: its problems stay on screen over the default scenario.
  const error = appStore.getState().loadError;
  await store.loadExample(DEFAULT_EXAMPLE, { play });
  if (error) appStore.setState({ loadError: error });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void openInitialScenario();
