"use client";

import { useState, useTransition } from "react";

type Line = { productId: string; quantity: number; priceCents: number };

// Lives in the browser tab; the server cart stays the source of truth.
const optimisticLines = new Map<string, Line>();
let lastOpenedBy: string | null = null;

export function CartDrawer({
  userId,
  initialLines,
}: {
  userId: string;
  initialLines: Line[];
}) {
  const [lines, setLines] = useState(initialLines);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  lastOpenedBy = userId;

  function add(productId: string) {
    const previous = optimisticLines.get(productId);
    optimisticLines.set(productId, {
      productId,
      quantity: (previous?.quantity ?? 0) + 1,
      priceCents: previous?.priceCents ?? 0,
    });
    setLines([...optimisticLines.values()]);

    startTransition(async () => {
      const response = await fetch("/api/cart", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ productId, quantity: 1 }),
      });
      if (!response.ok) setError("Could not add the item, try again.");
      else setLines((await response.json()).items);
    });
  }

  const totalCents = lines.reduce((sum, l) => sum + l.quantity * l.priceCents, 0);
  return (
    <aside aria-busy={pending} data-owner={lastOpenedBy}>
      <ul>
        {lines.map((line) => (
          <li key={line.productId}>
            {line.productId} × {line.quantity}
            <button onClick={() => add(line.productId)}>+</button>
          </li>
        ))}
      </ul>
      {error && <p role="alert">{error}</p>}
      <p>Total: {(totalCents / 100).toFixed(2)}</p>
    </aside>
  );
}
