import type { NextFunction, Request, Response } from "express";
import { UserModel } from "../models/user.js";
import { priceList, type Currency } from "../lib/price-list.js";
import { chargeCard } from "../billing/payments.js";

interface CheckoutLine {
  sku: string;
  qty: number;
  unitCents: number;
}

// Built per request, so its lines never outlive the checkout call.
class CheckoutFlow {
  private readonly lines: CheckoutLine[] = [];

  constructor(private readonly currency: Currency) {}

  addLine(sku: string, qty: number): void {
    const price = priceList.get(sku);
    if (!price) throw new Error(`unknown SKU ${sku}`);
    this.lines.push({ sku, qty, unitCents: price.cents[this.currency] });
  }

  totalCents(): number {
    return this.lines.reduce((sum, line) => sum + line.qty * line.unitCents, 0);
  }
}

export class CheckoutController {
  static readonly SUPPORTED: ReadonlySet<Currency> = new Set(["EUR", "USD", "GBP"]);
  static readonly MAX_LINES = 50;

  async submit(req: Request, res: Response, next: NextFunction): Promise<void> {
    const userId = (req.user as { id: string }).id;
    const currency = req.body.currency as Currency;
    if (!CheckoutController.SUPPORTED.has(currency)) {
      res.status(400).json({ error: `unsupported currency ${currency}` });
      return;
    }
    const flow = new CheckoutFlow(currency);
    try {
      const lines = (req.body.lines ?? []) as { sku: string; qty: number }[];
      for (const line of lines.slice(0, CheckoutController.MAX_LINES)) {
        flow.addLine(line.sku, line.qty);
      }
      const receipt = await chargeCard(userId, flow.totalCents(), currency);
      const user = await UserModel.findById(userId).orFail();
      user.receiptIds.push(receipt.id);
      await user.save();
      res.status(201).json({ receiptId: receipt.id });
    } catch (err) {
      next(err);
    }
  }
}

export const checkoutController = new CheckoutController();
