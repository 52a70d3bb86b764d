import type {
  Article,
  ArticleRef,
  ArticleSearch,
  Category,
  Collection,
  Redirect,
  Site,
} from "../src/index.js";

export const API_KEY = "test-docs-api-key-8f2a";
export const BASIC = `Basic ${Buffer.from(`${API_KEY}:X`).toString("base64")}`;

export const ids = {
  site: "5214c83d45667acd25394b51",
  collection: "5214c83d45667acd25394b52",
  category: "5214c83d45667acd25394b53",
  article: "5214c83d45667acd25394b54",
  revision: "5214c83d45667acd25394b55",
  redirect: "5214c83d45667acd25394b56",
} as const;

const stamps = {
  createdBy: 73423,
  updatedBy: null,
  createdAt: "2013-08-21T19:34:13Z",
  updatedAt: null,
};

export function articleRef(n: number): ArticleRef {
  return {
    id: `5214c83d45667acd2539${String(n).padStart(4, "0")}`,
    number: n,
    collectionId: ids.collection,
    slug: `article-${n}`,
    status: "published",
    hasDraft: false,
    name: `Article ${n}`,
    publicUrl: `https://acme.helpscoutdocs.com/article/${n}-article-${n}`,
    popularity: 2.5,
    viewCount: n * 10,
    lastPublishedAt: "2013-08-21T19:34:13Z",
    ...stamps,
  };
}

export const article: Article = {
  ...articleRef(1),
  id: ids.article,
  text: "<p>How to reset your password</p>",
  categories: [ids.category],
  related: [],
  keywords: ["password"],
};

export const searchHit: ArticleSearch = {
  id: ids.article,
  collectionId: ids.collection,
  categoryIds: [ids.category],
  slug: "reset-password",
  name: "Reset your password",
  preview: "How to reset your password",
  url: "https://acme.helpscoutdocs.com/article/1-reset-password",
  docsUrl: `/docs/${ids.collection}/article/${ids.article}`,
  number: 1,
  status: "published",
  visibility: "public",
};

export const category: Category = {
  id: ids.category,
  number: 3,
  slug: "getting-started",
  visibility: "public",
  collectionId: ids.collection,
  order: 1,
  defaultSort: "popularity",
  name: "Getting started",
  description: null,
  articleCount: 4,
  publishedArticleCount: 3,
  publicUrl: "https://acme.helpscoutdocs.com/category/3-getting-started",
  ...stamps,
};

export const collection: Collection = {
  id: ids.collection,
  siteId: ids.site,
  number: 2,
  slug: "help",
  visibility: "public",
  order: 1,
  name: "Help",
  description: "All the help",
  publicUrl: "https://acme.helpscoutdocs.com/collection/2-help",
  articleCount: 4,
  publishedArticleCount: 3,
  ...stamps,
};

export const site: Site = {
  id: ids.site,
  status: "active",
  subDomain: "acme",
  cname: null,
  hasPublicSite: true,
  companyName: "Acme",
  title: "Acme Help",
  logoUrl: null,
  logoWidth: null,
  logoHeight: null,
  favIconUrl: null,
  touchIconUrl: null,
  homeUrl: "https://acme.example",
  homeLinkText: null,
  bgColor: "#ffffff",
  description: null,
  hasContactForm: false,
  mailboxId: null,
  contactEmail: null,
  styleSheetUrl: null,
  headerCode: null,
  ...stamps,
};

export const redirect: Redirect = {
  id: ids.redirect,
  siteId: ids.site,
  urlMapping: "/old/article/1234",
  type: "article",
  documentId: ids.article,
  anchor: null,
  redirect: "https://acme.helpscoutdocs.com/article/1-reset-password",
  createdBy: 73423,
  modifiedBy: 73423,
  createdAt: "2013-08-21T19:34:13Z",
  modifiedAt: "2013-08-21T19:34:13Z",
};

/** A `{page, pages, count, items}` page. */
export function page<T>(items: T[], pageNumber = 1, pages = 1, count = items.length) {
  return { page: pageNumber, pages, count, items };
}
