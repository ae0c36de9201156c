/**
 * Not API: UTF-8 helpers the engine and the project's transports share: the incremental validator
 * of RFC 6455 §8.1 and the encoded length of outgoing text. Public only so that the project's own
 * modules can reach them; names, signatures and behaviour may change in any release without notice.
 */
package io.wsstack.core.internal.utf8;
