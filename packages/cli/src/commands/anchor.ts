import { resolve } from 'node:path';
import { keyFingerprint, signAnchor, verifyLog } from '@planlog/core';
import type { Command } from 'commander';
import { EXIT } from '../exitCodes.js';
import { writeJson, writeLine, type Context } from '../io.js';
import { langOption, type Lang } from '../lang.js';
import { withStore } from '../openStore.js';
import { dbOption, jsonOption, type CommonOptions } from '../options.js';
import { readOptionFile } from '../readOptionFile.js';
import { writeLinesToFile } from '../writeLines.js';

const HELP = `
Verifies the whole log, then writes the head's position and hash signed with an Ed25519 private
key (PEM) as a JSON file. Publish the file (and the public key): \`planlog verify --anchor FILE
--public-key PUBLIC.pem\` later checks the signature and that the log still holds that event,
unchanged. A log that does not verify gets no anchor (exit 3).

Make a key pair with openssl:
  openssl genpkey -algorithm ed25519 -out anchor-key.pem
  openssl pkey -in anchor-key.pem -pubout -out anchor-key.pub.pem`;

export function anchorCommand(program: Command, context: Context): void {
  program
    .command('anchor')
    .summary("sign the head's position and hash (Ed25519) into an anchor file")
    .description("verify the log, then write its head's position and hash, signed with an Ed25519 key, to a file")
    .requiredOption('--sign <key.pem>', 'the Ed25519 private key (PEM, PKCS#8) to sign with')
    .requiredOption('--out <file>', 'the anchor file to write (JSON)')
    .addOption(langOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText('after', HELP)
    .action(async (options: CommonOptions & { sign: string; out: string; lang: Lang }) => {
      const vi = options.lang === 'vi';
      const privateKey = readOptionFile(context, options.sign, 'sign');
      await withStore(context, options.db, { create: false, readonly: true }, async ({ store, location }) => {
        const result = await verifyLog(store);
        if (!result.ok || result.checked === 0) {
          const why = result.ok
            ? vi ? 'nhật ký trống' : 'the log is empty'
            : vi ? `nhật ký hỏng từ vị trí ${result.firstBad!.position}: ${result.firstBad!.reason}` : `the log breaks at position ${result.firstBad!.position}: ${result.firstBad!.reason}`;
          if (options.json) writeJson(context.stdout, { db: location, ...result, anchor: null });
          else writeLine(context.stdout, vi ? `KHÔNG TẠO MỐC: ${location}: ${why}.` : `NO ANCHOR: ${location}: ${why}.`);
          context.setExit(result.ok ? EXIT.USAGE : EXIT.TAMPERED);
          return;
        }
        const signed = signAnchor({ position: result.checked, hash: result.headHash }, privateKey);
        async function* json() {
          yield JSON.stringify(signed, null, 2);
        }
        await writeLinesToFile(resolve(context.cwd, options.out), json());
        const fingerprint = keyFingerprint(signed.publicKey);
        if (options.json) writeJson(context.stdout, { db: location, out: options.out, position: signed.position, hash: signed.hash, key: fingerprint });
        else {
          writeLine(context.stdout, vi ? `Đã tạo mốc cho ${location} tại ${signed.position}:${signed.hash}` : `Anchored ${location} at ${signed.position}:${signed.hash}`);
          writeLine(context.stdout, vi ? `  ký bằng khóa Ed25519 ${fingerprint}, ghi vào ${options.out}.` : `  signed by Ed25519 key ${fingerprint}, written to ${options.out}.`);
        }
        context.setExit(EXIT.OK);
      });
    });
}
