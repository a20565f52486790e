import { db } from "../db/pool.js";

export type Currency = "EUR" | "USD" | "GBP";

export interface Price {
  sku: string;
  cents: Record<Currency, number>;
}

interface PriceRow {
  sku: string;
  eur_cents: number;
  usd_cents: number;
  gbp_cents: number;
}

// Shared by every request; the prices table stays the source of truth.
export const priceList = new Map<string, Price>();

const REFRESH_MS = 5 * 60 * 1000;

async function reloadPrices(): Promise<void> {
  const { rows } = await db.query<PriceRow>(
    "select sku, eur_cents, usd_cents, gbp_cents from prices where active",
  );
  const fresh = rows.map((row): Price => ({
    sku: row.sku,
    cents: { EUR: row.eur_cents, USD: row.usd_cents, GBP: row.gbp_cents },
  }));
  priceList.clear();
  for (const price of fresh) priceList.set(price.sku, price);
}

await reloadPrices();

setInterval(() => {
  reloadPrices().catch((err) => console.error("price list reload failed", err));
}, REFRESH_MS).unref();
