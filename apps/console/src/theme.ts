/**
 * The console's theme: Mantine's defaults with contrast raised to WCAG AA (4.5:1) — darker primary
 * shade, automatic black-or-white text on filled colours, darker dimmed text and links (theme.css).
 */
import { createTheme } from '@mantine/core';

export const theme = createTheme({ primaryShade: 8, autoContrast: true, luminanceThreshold: 0.35 });
