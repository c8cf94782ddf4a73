/**
 * The console's theme: Mantine's defaults with contrast raised to WCAG AA (4.5:1) — darker primary
 * shade, automatic black-or-white text on filled colours, darker dimmed text, links and field
 * errors (theme.css) — and a name for every dialog's close button (Mantine's has only an icon).
 */
import { createTheme, Modal } from '@mantine/core';

export const theme = createTheme({
  primaryShade: 8,
  autoContrast: true,
  // Whoever asks their system for less motion gets none: dialogs and menus appear at once. The browser
  // tests ask for it too, so axe never measures a dialog halfway through fading in.
  respectReducedMotion: true,
  luminanceThreshold: 0.35,
  components: { Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }) },
});
