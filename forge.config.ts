/**
 * Electron Forge: `electron-forge start` (what `npm start` runs where Electron is installed) serves
 * the page from Vite's dev server and builds main and preload in watch mode, with the same Vite
 * configs as `npm run build:desktop` (see vite.desktop.ts). The installers are made by
 * electron-builder (`npm run dist`, build/electron-builder.yml), not by Forge's makers; a package
 * Forge makes (`electron-forge package`) gets the same fuses as the installers.
 */
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { RENDERER_NAME } from './vite.desktop.js';

const config: ForgeConfig = {
  packagerConfig: { asar: true },
  rebuildConfig: {},
  makers: [],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: RENDERER_NAME, config: 'vite.renderer.config.ts' }],
    }),
    // The same as electronFuses in build/electron-builder.yml, which says why each is set.
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
