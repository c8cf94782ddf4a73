/** A table that scrolls sideways on a narrow screen; its scrolling region is keyboard-focusable (axe: scrollable-region-focusable). */
import { Table } from '@mantine/core';
import { ReactNode } from 'react';

export function ScrollTable({ minWidth, label, children }: { minWidth: number; label: string; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': `${label} (scrolls sideways)` } }}>
      {children}
    </Table.ScrollContainer>
  );
}
