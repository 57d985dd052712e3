/**
 * Minimal typings for pdfmake 0.3 on Node (the package ships none). Only what this
 * renderer uses; the document nodes themselves are typed in ./nodes.ts.
 */
declare module 'pdfmake' {
  export interface FontFaces {
    normal: string;
    bold?: string;
    italics?: string;
    bolditalics?: string;
  }

  export interface VirtualFileSystem {
    existsSync(filename: string): boolean;
    readFileSync(filename: string): Buffer;
    writeFileSync(filename: string, content: Buffer): void;
  }

  export interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }

  export interface PdfMakeStatic {
    virtualfs: VirtualFileSystem;
    setFonts(fonts: Record<string, FontFaces>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    setTableLayouts(layouts: Record<string, object>): void;
    createPdf(docDefinition: object, options?: object): OutputDocument;
  }

  const pdfmake: PdfMakeStatic;
  export default pdfmake;
}
