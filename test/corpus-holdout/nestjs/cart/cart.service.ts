import {
  BadRequestException,
  Injectable,
  NotFoundException,
} from "@nestjs/common";
import { ProductsRepository } from "../products/products.repository.js";

export interface CartLine {
  productId: string;
  quantity: number;
  unitPriceCents: number;
}

const MAX_QUANTITY = 99;

@Injectable()
export class CartService {
  private readonly cartsByUser = new Map<string, CartLine[]>();

  constructor(private readonly products: ProductsRepository) {}

  list(userId: string): CartLine[] {
    return this.cartsByUser.get(userId) ?? [];
  }

  async addItem(
    userId: string,
    productId: string,
    quantity: number,
  ): Promise<CartLine[]> {
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      throw new BadRequestException(`quantity must be 1 to ${MAX_QUANTITY}`);
    }
    const product = await this.products.findActive(productId);
    if (!product) throw new NotFoundException(`product ${productId} not found`);

    const lines = this.list(userId).map((line) => ({ ...line }));
    const existing = lines.find((line) => line.productId === productId);
    if (existing) {
      existing.quantity = Math.min(MAX_QUANTITY, existing.quantity + quantity);
    } else {
      lines.push({ productId, quantity, unitPriceCents: product.priceCents });
    }
    this.cartsByUser.set(userId, lines);
    return lines;
  }

  removeItem(userId: string, productId: string): CartLine[] {
    const remaining = this.list(userId).filter((l) => l.productId !== productId);
    if (remaining.length === 0) this.cartsByUser.delete(userId);
    else this.cartsByUser.set(userId, remaining);
    return remaining;
  }

  clear(userId: string): void {
    this.cartsByUser.delete(userId);
  }
}
