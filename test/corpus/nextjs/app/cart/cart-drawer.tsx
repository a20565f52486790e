'use client';

import { useState, useSyncExternalStore } from 'react';

type Line = { productId: string; name: string; quantity: number };

// Browser-side cart state shared by every component on the page.
const lines = new Map<string, Line>();
const listeners = new Set<() => void>();
let snapshot: Line[] = [];

function emit() {
  snapshot = [...lines.values()];
  listeners.forEach((l) => l());
}

export function addLine(line: Line) {
  const existing = lines.get(line.productId);
  lines.set(line.productId, existing ? { ...existing, quantity: existing.quantity + line.quantity } : line);
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function CartDrawer() {
  const items = useSyncExternalStore(subscribe, () => snapshot, () => snapshot);
  const [open, setOpen] = useState(false);

  return (
    <aside className={open ? 'drawer open' : 'drawer'}>
      <button onClick={() => setOpen(!open)}>Cart ({items.length})</button>
      <ul>
        {items.map((item) => (
          <li key={item.productId}>
            {item.name} x {item.quantity}
          </li>
        ))}
      </ul>
    </aside>
  );
}
