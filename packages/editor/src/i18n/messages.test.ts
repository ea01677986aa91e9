import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from './en'
import { nl } from './nl'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text)
  }
  return out
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') && !name.includes('i18n') ? [path] : []
  })
}

const dutch = flatten(nl as Tree)
const english = flatten(en as Tree)
const root = join(import.meta.dirname, '..')

/** A key exists when it is there as such or as the plural forms i18next looks up. */
function has(messages: Map<string, string>, key: string): boolean {
  return messages.has(key) || (messages.has(`${key}_one`) && messages.has(`${key}_other`))
}

describe('editor texts', () => {
  it('has exactly the same keys in Dutch and English', () => {
    expect([...english.keys()].sort()).toEqual([...dutch.keys()].sort())
  })

  it('has no empty text except deliberate blanks', () => {
    const blanks = [...dutch, ...english].filter(
      ([key, text]) => text.trim() === '' && !key.endsWith('.none'),
    )
    expect(blanks).toEqual([])
  })

  it('uses the same {{placeholders}} in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
    const different = [...dutch].filter(([key, text]) => {
      const other = english.get(key) ?? ''
      return placeholders(text).join() !== placeholders(other).join()
    })
    expect(different.map(([key]) => key)).toEqual([])
  })

  it('has a text in both languages for every key the code asks for', () => {
    const literal = /\bt\(\s*'([a-zA-Z_.]+)'/g
    const prefix = /\bt\(\s*`([a-zA-Z_.]+)\.\$\{/g
    const missing: string[] = []
    let checked = 0
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(literal)) {
        checked++
        for (const [lang, messages] of [
          ['nl', dutch],
          ['en', english],
        ] as const) {
          if (!has(messages, match[1]!)) missing.push(`${lang}: ${match[1]} (${file})`)
        }
      }
      // Keys chosen in code (`adviceKey`, ternaries): any quoted dotted literal in a known namespace.
      for (const match of text.matchAll(/['"]([a-z][a-zA-Z]*)\.([a-zA-Z_.]+)['"]/g)) {
        if (!(match[1]! in nl)) continue
        const key = `${match[1]}.${match[2]}`
        checked++
        if (!has(dutch, key)) missing.push(`nl: ${key} (${file})`)
        if (!has(english, key)) missing.push(`en: ${key} (${file})`)
      }
      for (const match of text.matchAll(prefix)) {
        checked++
        const start = `${match[1]}.`
        if (![...dutch.keys()].some((key) => key.startsWith(start))) missing.push(`nl: ${start}* (${file})`)
        if (![...english.keys()].some((key) => key.startsWith(start))) missing.push(`en: ${start}* (${file})`)
      }
    }
    expect(checked).toBeGreaterThan(100)
    expect(missing).toEqual([])
  })

  it('fails on a key that is missing in one language', () => {
    const broken = new Map(english)
    broken.delete('nav.inbox')
    expect(has(broken, 'nav.inbox')).toBe(false)
    expect(has(english, 'canvas.problemCount')).toBe(true)
  })
})
