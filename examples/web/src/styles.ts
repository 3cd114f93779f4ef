/** The dashboard's stylesheet: plain CSS, mobile first, colours with at least 4.5:1 contrast on white. */
export const styles = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:#1a1a1a;background:#f6f7f9}
a{color:#0b4f9c}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #b45309;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
header{background:#7a1212;color:#fff;padding:8px 16px}
header a{color:#fff}
.bar-top{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between}
.brand{font-weight:700;font-size:1.1rem;text-decoration:none}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.who{display:flex;gap:10px;align-items:center;flex-wrap:wrap;font-size:.95rem}
.who form{margin:0}
.link-button{background:none;border:1px solid #fff;color:#fff;border-radius:4px;padding:2px 8px;font:inherit;cursor:pointer}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2em 0 .6em}
h2{font-size:1.2rem;margin:1.2em 0 .5em}
.card{background:#fff;border:1px solid #d0d5dd;border-radius:6px;padding:12px 14px;margin:0 0 12px}
.muted{color:#4a5565}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d0d5dd;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5}
.table-wrap{overflow-x:auto}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.85rem;border:1px solid currentColor;white-space:nowrap}
.b-overdue{color:#a50e0e;background:#fdecec;font-weight:700}
.b-soon{color:#7a4a00;background:#fff4d6}
.b-state{color:#1f3b5c;background:#e8eef6}
.b-done{color:#125c2b;background:#e6f4ea}
.fourway{display:flex;height:18px;border-radius:4px;overflow:hidden;border:1px solid #8a94a3;background:#fff;margin:6px 0}
.fourway span{display:block;height:100%}
.s-ontime{background:#1e7b3a}.s-late{background:#6aa84f}.s-interm{background:#3d6fb4}.s-overdue{background:#b3261e}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.9rem;margin:0;padding:0;list-style:none}
.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
form.inline{display:flex;flex-wrap:wrap;gap:8px;align-items:end}
form.inline>*{min-width:0;max-width:100%}
select{width:100%}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0 0}
dt{font-weight:600;color:#4a5565}
dd{margin:0}
#live-notice:not(:empty){background:#e8f1fb;border:1px solid #3d6fb4;padding:8px 12px;border-radius:6px;margin:0 0 12px}
.card>h2:first-child{margin-top:0}
label{display:block;font-weight:600;font-size:.95rem}
input,select,textarea{font:inherit;padding:6px;border:1px solid #6b7280;border-radius:4px;max-width:100%;background:#fff;color:#1a1a1a}
textarea{width:100%;min-height:5em}
.field{margin:0 0 10px}
button,.button{font:inherit;background:#0b4f9c;color:#fff;border:0;border-radius:4px;padding:8px 14px;cursor:pointer;text-decoration:none;display:inline-block}
button.danger{background:#a50e0e}
.actions{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(260px,1fr))}
.actions form{background:#fff;border:1px solid #d0d5dd;border-radius:6px;padding:10px}
.checkbox label{display:inline;font-weight:400}
ol.timeline{list-style:none;padding:0;margin:0}
ol.timeline li{border-left:3px solid #3d6fb4;padding:4px 0 8px 12px;margin-left:4px}
.notice{background:#e8f1fb;border:1px solid #3d6fb4;padding:8px 12px;border-radius:6px}
.error{background:#fdecec;border:1px solid #a50e0e;padding:8px 12px;border-radius:6px}
.warn{background:#fff4d6}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
td input{width:100%;min-width:14em}
@media (max-width:640px){
  main{padding:10px}
  table.stack thead{position:absolute;left:-9999px}
  table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
  table.stack tr{border:1px solid #d0d5dd;margin:0 0 8px;background:#fff}
  table.stack td{border:0;border-bottom:1px solid #eef1f5}
  table.stack td::before{content:attr(data-label);display:block;font-weight:600;color:#4a5565;font-size:.85rem}
}
`;
