import { createRoot } from 'react-dom/client';
import { useEffect, useState } from 'react';

// Embeddable widget bundle: rendered inside the customer's page.
const viewedProducts = new Set<string>();
let lastVisitor: string | null = null;

function Preview({ productId, visitorId }: { productId: string; visitorId: string }) {
  const [count, setCount] = useState(0);

  useEffect(() => {
    viewedProducts.add(productId);
    lastVisitor = visitorId;
    setCount(viewedProducts.size);
  }, [productId, visitorId]);

  return (
    <div className="preview">
      Viewed {count} products{lastVisitor ? ` as ${lastVisitor}` : ''}
    </div>
  );
}

export function mount(el: HTMLElement, productId: string, visitorId: string) {
  createRoot(el).render(<Preview productId={productId} visitorId={visitorId} />);
}
