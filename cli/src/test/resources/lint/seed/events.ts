type Handler = (params: Record<string, string>) => void;
const handlers: Record<string, Handler> = {
  list_item_created: (p) => console.log(p.ItemData),
};
export function retriable(code: number): boolean {
  return [54007, 54009].includes(code) || code !== 54011;
}
