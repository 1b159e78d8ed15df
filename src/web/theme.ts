import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** A calm deep teal; shade 7 (buttons, links) keeps at least 4.5:1 contrast with white. */
const lantern: MantineColorsTuple = [
  '#e7f5f6',
  '#cfe8eb',
  '#9ed0d6',
  '#6bb6bf',
  '#43a0ab',
  '#2a919e',
  '#17818f',
  '#0b6775',
  '#065866',
  '#004a56',
];

/** The portal's look: one primary colour, readable sizes, rounded but not playful. */
export const theme = createTheme({
  primaryColor: 'lantern',
  primaryShade: 7,
  colors: { lantern },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
});

/**
 * Mantine's default "dimmed" grey is 3.3:1 on white, its error red 3.3:1, and the text of its light
 * alerts and badges (shade 6 on a tint) as low as 2.7:1; WCAG AA needs 4.5:1 for text. These darker
 * shades keep at least 5:1 on white and on each colour's light tint.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-error': '#b02525',
    '--mantine-color-red-light-color': '#b02525',
    '--mantine-color-green-light-color': '#1e6b2d',
    '--mantine-color-yellow-light-color': '#7a4a00',
    '--mantine-color-orange-light-color': '#943500',
    '--mantine-color-blue-light-color': '#1c5a9c',
    '--mantine-color-gray-light-color': t.colors.gray[8],
    '--mantine-color-lantern-light-color': lantern[9],
  },
  dark: {},
});
