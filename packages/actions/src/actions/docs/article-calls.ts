import {
  type Article,
  type DocsClient,
  type UpdateArticleRequest,
  unwrap,
} from "@terapi/helpscout-docs";

/** Reads an article (its published content, not a draft). */
export async function readArticle(
  docs: DocsClient,
  articleId: string,
  signal: AbortSignal | undefined,
): Promise<Article> {
  const { article } = await unwrap(
    docs.GET("/v1/articles/{articleId}", { params: { path: { articleId } }, signal }),
  );
  return article as Article;
}

/** `PUT /v1/articles/{id}?reload=true`: a partial update (omitted fields stay), read back. */
export async function updateArticle(
  docs: DocsClient,
  articleId: string,
  body: UpdateArticleRequest,
  signal: AbortSignal | undefined,
): Promise<Article> {
  const { article } = await unwrap(
    docs.PUT("/v1/articles/{articleId}", {
      params: { path: { articleId }, query: { reload: true } },
      body,
      signal,
    }),
  );
  return article as Article;
}
