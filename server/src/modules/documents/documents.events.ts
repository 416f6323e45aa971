import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';

/** Domain events of the documents module (the activity module turns them into log entries). */
export interface DocumentEventMap {
  'document.created': {
    workspaceId: string;
    documentId: string;
    actorId: string | null;
    kind: string;
    title: string;
  };
  'document.version_created': {
    workspaceId: string;
    documentId: string;
    versionId: string;
    actorId: string | null;
    label: string;
  };
  'document.restored': {
    workspaceId: string;
    documentId: string;
    versionId: string;
    actorId: string | null;
    label: string;
  };
}

/** A typed emitter; listeners subscribe with `on`. A failing listener never fails the request. */
@Injectable()
export class DocumentEvents {
  private readonly emitter = new EventEmitter();

  on<K extends keyof DocumentEventMap>(
    type: K,
    listener: (e: DocumentEventMap[K]) => void,
  ): () => void {
    this.emitter.on(type, listener);
    return () => this.emitter.off(type, listener);
  }

  emit<K extends keyof DocumentEventMap>(type: K, event: DocumentEventMap[K]): void {
    for (const listener of this.emitter.listeners(type)) {
      try {
        (listener as (e: DocumentEventMap[K]) => void)(event);
      } catch {
        // A listener's failure is its own concern.
      }
    }
  }
}
