package explorer

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// web holds the app: page templates (web/pages) and the files served as they are (web/static).
//
//go:embed web
var web embed.FS

// page is one page of the app. A later page is one more entry here, its template in web/pages
// and its script in web/static.
type page struct {
	Path     string // the route, "/" or "/name"
	Name     string // the navigation's label
	Title    string
	Template string // web/pages/<Template>.html defines "main"
	Script   string // web/static/<Script>, a JavaScript module
}

var pages = []page{
	{Path: "/", Name: "Network", Title: "Network", Template: "network", Script: "network.js"},
	{Path: "/pkps", Name: "PKPs", Title: "PKPs", Template: "pkps", Script: "pkps.js"},
	{Path: "/actions", Name: "Actions", Title: "Actions playground", Template: "actions", Script: "actions.js"},
	{Path: "/decrypt", Name: "Decrypt", Title: "Encrypt and decrypt", Template: "decrypt", Script: "decrypt.js"},
}

// asset is one embedded static file, with its ETag.
type asset struct {
	body []byte
	etag string
	typ  string
}

var contentTypes = map[string]string{
	".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml",
	".ico": "image/x-icon", ".png": "image/png", ".html": "text/html; charset=utf-8",
}

func loadAssets() (map[string]asset, error) {
	static, err := fs.Sub(web, "web/static")
	if err != nil {
		return nil, err
	}
	out := map[string]asset{}
	err = fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		typ, ok := contentTypes[path.Ext(p)]
		if !ok {
			return fmt.Errorf("explorer: web/static/%s: no content type for its extension", p)
		}
		sum := sha256.Sum256(b)
		out[p] = asset{body: b, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, typ: typ}
		return nil
	})
	return out, err
}

// pageData is what a page's template sees: the network's static facts, enough for a first paint
// without any request.
type pageData struct {
	Page    page
	Pages   []page
	Network Config
	// DevAddress is the dev account's address when writes with it are on, else "".
	DevAddress string
}

func (s *Server) routes() (http.Handler, error) {
	assets, err := loadAssets()
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	for _, p := range pages {
		t, err := template.New("layout.html").Funcs(template.FuncMap{"healthLabel": healthLabel}).
			ParseFS(web, "web/pages/layout.html", "web/pages/"+p.Template+".html")
		if err != nil {
			return nil, fmt.Errorf("explorer: page %s: %w", p.Path, err)
		}
		// Rendered once: the page's facts do not change while the explorer runs.
		var buf bytes.Buffer
		data := pageData{Page: p, Pages: pages, Network: s.cfg}
		if s.dev.key != nil {
			data.DevAddress = s.dev.addr.Hex()
		}
		if err := t.Execute(&buf, data); err != nil {
			return nil, fmt.Errorf("explorer: page %s: %w", p.Path, err)
		}
		body := buf.Bytes()
		pattern := "GET " + p.Path
		if p.Path == "/" {
			pattern = "GET /{$}"
		}
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.Write(body)
		})
	}
	mux.HandleFunc("GET /assets/{file...}", func(w http.ResponseWriter, r *http.Request) {
		a, ok := assets[r.PathValue("file")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.typ)
		h.Set("ETag", a.etag)
		h.Set("Cache-Control", "no-cache") // revalidated with the ETag: a new binary's assets are seen at once
		h.Set("X-Content-Type-Options", "nosniff")
		if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, a.etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(a.body)
	})
	mux.HandleFunc("GET /api/v1/network", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(s.coll.snapshot())
	})
	mux.Handle("GET /api/v1/pkps", s.pkps)
	for _, op := range []string{"mint", "grant", "revoke", "transfer"} {
		mux.Handle("POST /api/v1/dev/"+op, s.dev.handler(op))
		mux.Handle("POST /api/v1/wallet/"+op, s.wallet(op))
	}
	mux.HandleFunc("POST /api/v1/dev/publish", s.publish)
	mux.HandleFunc("POST /api/v1/dev/run", s.run)
	mux.HandleFunc("POST /api/v1/dev/encrypt", s.crypt(false))
	mux.HandleFunc("POST /api/v1/dev/decrypt", s.crypt(true))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "ExplorerUnknownPath", "no explorer API "+r.Method+" "+clip(r.URL.Path, 128))
	})
	return mux, nil
}

// healthLabel is the words a health badge shows.
func healthLabel(h Health) string {
	switch h {
	case HealthHealthy:
		return "Healthy"
	case HealthStarting:
		return "Starting"
	case HealthDown:
		return "Down"
	case HealthDegraded:
		return "Degraded"
	case HealthMisbehaving:
		return "Misbehaving"
	}
	return "Checking…"
}
