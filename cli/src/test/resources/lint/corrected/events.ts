type Handler = (params: Record<string, string>) => void;
const handlers: Record<string, Handler> = {
  list_item_added: (p) => console.log(p.ItemData, "list_item_created"),
};
export function notFound(code: number): boolean {
  return [20404].includes(code); // not [54007, 54009].includes(code)
}
