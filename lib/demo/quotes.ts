// Public-domain quotes served by the demo upstream's GET /quote.

type Quote = { id: number; text: string; author: string };

export const DEMO_QUOTES: readonly Quote[] = [
  { id: 1, text: "It is a capital mistake to theorize before one has data.", author: "Arthur Conan Doyle" },
  {
    id: 2,
    text: "The Analytical Engine weaves algebraical patterns just as the Jacquard loom weaves flowers and leaves.",
    author: "Ada Lovelace",
  },
  { id: 3, text: "Well begun is half done.", author: "Aristotle" },
  { id: 4, text: "Lost time is never found again.", author: "Benjamin Franklin" },
  { id: 5, text: "Brevity is the soul of wit.", author: "William Shakespeare" },
  { id: 6, text: "The journey of a thousand miles begins with a single step.", author: "Laozi" },
  { id: 7, text: "Knowledge is power.", author: "Francis Bacon" },
  { id: 8, text: "I think, therefore I am.", author: "René Descartes" },
  { id: 9, text: "Hope is the thing with feathers that perches in the soul.", author: "Emily Dickinson" },
  { id: 10, text: "The only thing we have to fear is fear itself.", author: "Franklin D. Roosevelt" },
  { id: 11, text: "Nothing in life is to be feared, it is only to be understood.", author: "Marie Curie" },
  { id: 12, text: "The unexamined life is not worth living.", author: "Socrates" },
];

export function randomQuote(): Quote {
  return DEMO_QUOTES[Math.floor(Math.random() * DEMO_QUOTES.length)];
}
