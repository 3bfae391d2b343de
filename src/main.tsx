/**
 * Browser entry: decides what opens (`?lesson=NAME`: that lesson, paused; else
 * src/state/startup.ts: a share link `#scenario=...`, the autosaved draft, or the example named by
 * `?scenario=NAME`, default the SKYNET-5A inspection),
 * starts playing it (`?play=0` starts paused), and renders the app. A damaged share link, or a
 * scenario that does not load, shows its problems over the default scenario: never a blank page.
 * Production builds register a service worker for offline use.
 */

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadDraft } from './editing/autosave.ts';
import type { ShareDecode } from './editing/share.ts';
import { editTiming } from './state/editTiming.ts';
import { firstSceneDrawn } from './state/firstScene.ts';
import { planStartup } from './state/startup.ts';
import type { LoadError } from './state/store.ts';
import { appStore, pageStorage } from './state/useAppStore.ts';
import { App } from './view/app/App.tsx';
import { lessonRequested } from './view/lessons/lessonFiles.ts';
import { openLesson } from './view/lessons/openLesson.ts';
import { EMBED } from './view/app/embed.ts';
import { dropStaleShareLink, markShared, SHARED_SOURCE } from './view/app/planFile.ts';
import { DEFAULT_EXAMPLE } from './view/model/examples.ts';
import './view/styles.css';

// Nothing animates and the panels are not painted until the first scene is drawn (styles.css
// says why).
document.documentElement.dataset.firstScene = 'pending';
void firstSceneDrawn().then(() => delete document.documentElement.dataset.firstScene);

// The simulation client comes first, before React renders: it takes over the worker index.html's
// head started (vite.config.ts), or starts one, while this thread renders and loads the scenario.
appStore.getState().simulator();

const params = new URLSearchParams(window.location.search);
const play = params.get('play') !== '0';
const storage = pageStorage();
// an embedded page never opens the plan editor (nor its drag handles), whatever was left open
if (EMBED) appStore.setState({ editorOpen: false });

/** Loads `name`, or the default example when it does not load; returns the first problem. */
async function openExample(name: string): Promise<LoadError | null> {
  const store = appStore.getState();
  if (await store.loadExample(name, { play })) return null;
  const error = appStore.getState().loadError;
  if (name !== DEFAULT_EXAMPLE) await store.loadExample(DEFAULT_EXAMPLE, { play });
  return error;
}

/** Opens a shared scenario's text; false (and its problems shown) when it does not load. */
async function openShared(text: string): Promise<boolean> {
  const ok = await appStore.getState().loadText(text, SHARED_SOURCE, { play, exampleName: null });
  if (ok) markShared(text);
  return ok;
}

/**
 * What the URL fragment holds. The decoder (fflate) loads only when there is a share link: most
 * visits have none, and it stays out of the first load.
 */
async function readShareLink(): Promise<ShareDecode> {
  if (!window.location.hash.includes('scenario=')) return { kind: 'none' };
  const { decodeShareFragment } = await import('./editing/share.ts');
  return decodeShareFragment(window.location.hash);
}

async function openInitialScenario(): Promise<void> {
  const store = appStore.getState();
  const plan = planStartup(
    await readShareLink(),
    window.location.search,
    // an embedded page shows the scenario its link names, never this browser's draft
    storage && !EMBED ? loadDraft(storage) : null,
    store.examples,
  );
  let error: LoadError | null = plan.shareError
    ? { sourceName: 'share link', issues: [{ path: '', message: plan.shareError }] }
    : null;
  const open = plan.open;
  if (open.kind === 'share') {
    if (!(await openShared(open.text))) {
      // A link that decodes but does not load: its problems, over the default scenario.
      error = { ...appStore.getState().loadError!, sourceName: 'share link' };
      await openExample(DEFAULT_EXAMPLE);
    }
  } else if (open.kind === 'draft') {
    const ok = await store.loadText(open.draft.text, open.draft.source, {
      play,
      exampleName: null,
    });
    if (ok) store.setDraftNote({ kind: 'restored', draft: open.draft });
    else {
      // a draft that does not run is kept as text, over the default scenario, never dropped
      error = (await openExample(DEFAULT_EXAMPLE)) ?? error;
      store.restoreDraftText(open.draft);
    }
  } else {
    error = (await openExample(open.name)) ?? error;
  }
  if (plan.offerDraft) store.setDraftNote({ kind: 'available', draft: plan.offerDraft });
  if (error) appStore.setState({ loadError: error });
}

// A share link pasted into this tab's address bar.
window.addEventListener('hashchange', () => void onHashChange());
async function onHashChange(): Promise<void> {
  const share = await readShareLink();
  if (share.kind === 'text') {
    void openShared(share.text).then((ok) => {
      if (!ok) {
        const e = appStore.getState().loadError;
        if (e) appStore.setState({ loadError: { ...e, sourceName: 'share link' } });
      }
    });
  } else if (share.kind === 'error') {
    appStore.setState({
      loadError: { sourceName: 'share link', issues: [{ path: '', message: share.message }] },
    });
  }
}
// The first edit of a shared plan takes its (now stale) link out of the URL.
appStore.subscribe((s, p) => {
  if (s.text !== p.text) dropStaleShareLink(s.text);
});
// Benchmarks and tests read edit-to-frame timings from here (no effect otherwise).
(window as { __rpoEditTiming?: unknown }).__rpoEditTiming = editTiming;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
/**
 * Offline use after the first visit (scripts/vite-offline.ts writes sw.js into production
 * builds). Registered once the first scenario is shown, its first scene drawn and the page is
 * idle, so that filling its cache (every file of the build) neither competes with the first
 * scene nor fetches again what the page is still fetching; the path is relative, so its scope
 * is whatever sub-path the app is served from.
 */
function registerOfflineCache(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('./sw.js').catch((err: unknown) => {
      console.warn(`offline use is not available: ${String(err)}`);
    });
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(register, { timeout: 5000 });
  else setTimeout(register, 1000);
}

// `?lesson=NAME` opens that lesson (paused); a draft, if any, stays offered for later.
const lesson = lessonRequested(window.location.search);
void (lesson !== null ? openLesson(lesson, appStore) : openInitialScenario())
  .finally(firstSceneDrawn)
  .finally(registerOfflineCache);
