/**
 * The 3D view: the r3f canvas, the HTML label layer over it, and the overlays (HUD, camera
 * controls, scale bar, legend). The canvas renders continuously while playing and on demand
 * otherwise (camera moves, seeks).
 */

import { Canvas } from '@react-three/fiber';
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore.ts';
import { CameraBar } from '../hud/CameraBar.tsx';
import { GhostBar } from '../hud/GhostBar.tsx';
import '../hud/ghost.css';
import { Hud } from '../hud/Hud.tsx';
import { Legend } from '../hud/Legend.tsx';
import { ScaleBar } from '../hud/ScaleBar.tsx';
import { EMBED } from '../app/embed.ts';
import { WhatIfBar } from '../whatif/WhatIfBar.tsx';
import { LabelLayerContext } from './labelLayer.ts';
import { setCaptureState } from './sceneCapture.ts';
import { SceneContent } from './SceneContent.tsx';
import { SceneFigure } from './SceneFigure.tsx';
import { isSoftwareGl } from './softwareGl.ts';

/** The scene panel. */
export function SceneCanvas() {
  const { mission, serial, playing } = useAppStore(
    useShallow((s) => ({ mission: s.mission, serial: s.missionSerial, playing: s.playing })),
  );
  const [layer, setLayer] = useState<HTMLDivElement | null>(null);
  // Multisampling only on a GPU: software GL spends a third of its frame on it.
  const msaa = useMemo(() => !isSoftwareGl(), []);
  return (
    <div className="scene" data-testid="scene">
      <LabelLayerContext.Provider value={layer}>
        <Canvas
          className="scene-canvas"
          data-testid="scene-canvas"
          frameloop={playing ? 'always' : 'demand'}
          dpr={[1, 2]}
          flat
          gl={{
            antialias: msaa,
            alpha: false,
            stencil: false,
            powerPreference: 'high-performance',
          }}
          camera={{ fov: 45, near: 0.01, far: 1e5, position: [0, 0, 20] }}
          onCreated={(state) => {
            // Tests and benchmarks read renderer statistics from here (no effect otherwise).
            (window as { __rpoScene?: unknown }).__rpoScene = state;
            setCaptureState(state);
          }}
        >
          {mission && <SceneContent key={serial} mission={mission} />}
        </Canvas>
      </LabelLayerContext.Provider>
      <div className="label-layer" ref={setLayer} />
      {!mission && <div className="scene-status">Loading scenario…</div>}
      <Hud />
      <CameraBar />
      <GhostBar />
      {!EMBED && <WhatIfBar />}
      <SceneFigure />
      <ScaleBar />
      <Legend />
    </div>
  );
}
